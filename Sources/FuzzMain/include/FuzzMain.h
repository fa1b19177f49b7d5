// The plain (non-fuzzing) entry points of the fuzz targets: each replays the files named on the
// command line. libFuzzer's own main is used instead when a target is built with -sanitize=fuzzer.
int FuzzReplyParser_main(int argc, char **argv);
int FuzzThemeParser_main(int argc, char **argv);
int FuzzLogScanner_main(int argc, char **argv);
