// RUN: %check_both --config %S/Inputs/sockets.connleak.yaml %s --

// Integer handles from a YAML config (Inputs/sockets.connleak.yaml):
// POSIX sockets, where -1 is no handle. A comparison that -1 passes is the
// failure test (`fd < 0`, `fd == -1`); 0 is a descriptor like any other.

#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <unistd.h>

// Leaks: the failed connect returns without closing the socket.
int connectLeak(const struct sockaddr_in *addr) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: socket acquired by 'socket' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+5]]:5: note: leaks here: returning without 'close(fd)'
  // CHECK-NOTES: :[[@LINE+3]]:7: note: taking the true branch
  if (fd < 0)
    return -1;
  if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0)
    return -1;
  close(fd);
  return 0;
}
// CHECK-FIXES: {{^}}int connectLeak(const struct sockaddr_in *addr) {{[{]}}{{$}}
// CHECK-FIXES: {{^}}  if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0) {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    close(fd);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}

// Clean: every path closes it; -1 means there is none.
int connectClean(const struct sockaddr_in *addr) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return 0;
}

// Clean: the failure test spelled other ways.
int failureTests(int listener) {
  int fd = accept(listener, NULL, NULL);
  if (fd == -1)
    return -1;
  close(fd);
  if ((fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0)
    close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (-1 != fd)
    close(fd);
  return 0;
}

// Leaks: 0 is a descriptor, so `!fd` tests nothing about failure.
int zeroIsADescriptor(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: socket acquired by 'socket' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'close(fd)'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: no automatic fix: 'fd' may be -1 here; call 'close(fd)' only when it is not
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (!fd)
    return -1;
  if (fd < 0)
    return -1;
  close(fd);
  return 0;
}

// Leaks: returning before the failure test; the socket may be -1 there,
// and close is not known to accept -1, so there is no fix.
int leakBeforeTest(int early) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: socket acquired by 'socket' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'close(fd)'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: no automatic fix: 'fd' may be -1 here; call 'close(fd)' only when it is not
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (early)
    return -1;
  if (fd < 0)
    return -1;
  close(fd);
  return 0;
}

// Clean: an acquire wrapper returns the descriptor to its caller.
int openSocket(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  return fd;
}

// Use after release and double release of a descriptor.
void misuse(const struct sockaddr_in *addr) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return;
  close(fd);
  connect(fd, (const struct sockaddr *)addr, sizeof *addr);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: socket 'fd' is used by 'connect' after it was released [connleak-use-after-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: released here
  close(fd);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: socket 'fd' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-6]]:3: note: first released here
}

// Helpers of the file that take the descriptor by value are summarised as
// pointer helpers are: one that closes it releases the caller's handle.
static void closeSocket(int fd) { close(fd); }
static void closeIfOpen(int fd) {
  if (fd != -1)
    close(fd);
}
static void logSocket(int fd) { (void)fd; }

// Clean: the helper closes it.
int helperCloses(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  closeSocket(fd);
  return 0;
}

// Clean: the helper closes it unless it is -1, which is no descriptor.
void helperClosesIfOpen(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  closeIfOpen(fd);
}

// Leaks: the helper only looks at it.
int helperOnlyLogs(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: socket acquired by 'socket' is not released on every path [connleak-unreleased]
  if (fd < 0)
    return -1;
  logSocket(fd);
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'close(fd)'
  // CHECK-FIXES: {{^}}  logSocket(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
}

// The helper's close counts: closing again is a double release.
void helperThenClose(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return;
  closeSocket(fd);
  close(fd);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: socket 'fd' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Comparing a lent descriptor with -1, which every integer family of the
// config shares, is the no-handle test: closeIfOpen releases on every path
// that has a descriptor, so closing again is a double release.
void helperIfOpenThenClose(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return;
  closeIfOpen(fd);
  close(fd);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: socket 'fd' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}
