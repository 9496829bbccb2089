#include "pool.h"

int from_first(void) { return header_leak(""); }
