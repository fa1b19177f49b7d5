// The plain (non-fuzzing) entry point of FuzzReplyParser: replays the files named on the command
// line. libFuzzer's own main is used instead when the target is built with -sanitize=fuzzer.
int FuzzReplyParser_main(int argc, char **argv);
