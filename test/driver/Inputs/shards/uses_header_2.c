#include "pool.h"

int from_second(void) { return header_leak(""); }
