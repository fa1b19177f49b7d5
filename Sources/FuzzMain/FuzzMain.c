#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "FuzzMain.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Replays each file given once: `FuzzReplyParser crash-123`. SwiftPM links an executable
   target's entry point as <module>_main (one per fuzz target below); a -sanitize=fuzzer build
   uses libFuzzer's main. */
static int replay(const char *name, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    FILE *file = fopen(argv[i], "rb");
    if (!file) {
      fprintf(stderr, "%s: cannot open %s\n", name, argv[i]);
      return 2;
    }
    size_t capacity = 1 << 16, size = 0, got;
    uint8_t *data = malloc(capacity);
    while (data && (got = fread(data + size, 1, capacity - size, file)) > 0) {
      size += got;
      if (size == capacity) data = realloc(data, capacity *= 2);
    }
    fclose(file);
    if (!data) return 1;
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    printf("%s: ok (%zu bytes)\n", argv[i], size);
  }
  return 0;
}

int FuzzReplyParser_main(int argc, char **argv) { return replay("FuzzReplyParser", argc, argv); }
int FuzzThemeParser_main(int argc, char **argv) { return replay("FuzzThemeParser", argc, argv); }
int FuzzLogScanner_main(int argc, char **argv) { return replay("FuzzLogScanner", argc, argv); }
