// RUN: %check_both --config %S/Inputs/odd-index.connleak.yaml %s --

// A release rule with an argument index past any call
// (Inputs/odd-index.connleak.yaml): no call releases the handle, and the
// release is spelled with one `...` for the arguments before it.

#include <sys/socket.h>
#include <unistd.h>

// Leaks: `close(fd)` is not the configured release.
void closeIsNotTheRelease(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: socket acquired by 'socket' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+3]]:1: note: leaks here: returning without 'close(..., fd)'
  // CHECK-NOTES: :[[@LINE+2]]:1: note: no automatic fix: call 'close(..., fd)' before this point
  close(fd);
}
