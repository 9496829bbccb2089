/* The loop both runtimes share: every generated function on every input,
 * between the runtime's begin and end of a run. */
#ifndef RUNTIME_MAIN_H
#define RUNTIME_MAIN_H

#include <string.h>

extern int NumFunctions, NumBits;
extern int (*Functions[])(const int *);

static void runAll(void (*begin)(int function), void (*end)(void)) {
  for (int f = 0; f < NumFunctions; ++f)
    for (int input = 0; input < (1 << NumBits); ++input) {
      int in[32];
      for (int b = 0; b < NumBits; ++b)
        in[b] = (input >> b) & 1;
      begin(f);
      Functions[f](in);
      end();
    }
}

#endif
