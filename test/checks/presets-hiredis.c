// RUN: %check_both %s -- %hiredis

// The hiredis preset: contexts, replies and async contexts; each family has
// a leaking case, its clean twin and a failure path.

#include <adapters/libevent.h>
#include <async.h>
#include <hiredis.h>
#include <stdio.h>

// Leaks: each context acquire, its handle discarded.
void everyConnect(struct timeval tv, int fd) {
  redisConnect("localhost", 6379);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnect' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnect("localhost", 6379));{{$}}
  redisConnectWithTimeout("localhost", 6379, tv);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnectWithTimeout' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnectWithTimeout("localhost", 6379, tv));{{$}}
  redisConnectNonBlock("localhost", 6379);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnectNonBlock' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnectNonBlock("localhost", 6379));{{$}}
  redisConnectBindNonBlock("localhost", 6379, "127.0.0.1");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnectBindNonBlock' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnectBindNonBlock("localhost", 6379, "127.0.0.1"));{{$}}
  redisConnectBindNonBlockWithReuse("localhost", 6379, "127.0.0.1");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnectBindNonBlockWithReuse' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnectBindNonBlockWithReuse("localhost", 6379, "127.0.0.1"));{{$}}
  redisConnectUnix("/run/redis.sock");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnectUnix' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnectUnix("/run/redis.sock"));{{$}}
  redisConnectUnixWithTimeout("/run/redis.sock", tv);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnectUnixWithTimeout' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnectUnixWithTimeout("/run/redis.sock", tv));{{$}}
  redisConnectUnixNonBlock("/run/redis.sock");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnectUnixNonBlock' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnectUnixNonBlock("/run/redis.sock"));{{$}}
  redisConnectFd(fd);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context acquired by 'redisConnectFd' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'redisFree'
  // CHECK-FIXES: {{^}}  redisFree(redisConnectFd(fd));{{$}}
}

// Clean: each context acquire, freed.
void everyConnectFreed(struct timeval tv, int fd) {
  redisFree(redisConnect("localhost", 6379));
  redisFree(redisConnectWithTimeout("localhost", 6379, tv));
  redisFree(redisConnectNonBlock("localhost", 6379));
  redisFree(redisConnectBindNonBlock("localhost", 6379, "127.0.0.1"));
  redisFree(redisConnectBindNonBlockWithReuse("localhost", 6379, "127.0.0.1"));
  redisFree(redisConnectUnix("/run/redis.sock"));
  redisFree(redisConnectUnixWithTimeout("/run/redis.sock", tv));
  redisFree(redisConnectUnixNonBlock("/run/redis.sock"));
  redisFree(redisConnectFd(fd));
}

// Leaks: a context whose connect failed (c->err) is still allocated.
redisContext *connectOrNull(const char *host) {
  redisContext *c = redisConnect(host, 6379);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: Redis context acquired by 'redisConnect' is not released on every path [connleak-unreleased]
  if (c == NULL || c->err) {
    fprintf(stderr, "cannot connect\n");
    return NULL;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'redisFree(c)'
    // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the false branch
    // CHECK-NOTES: :[[@LINE-5]]:20: note: taking the true branch
    // CHECK-FIXES: {{^}}    fprintf(stderr, "cannot connect\n");{{$}}
    // CHECK-FIXES-NEXT: {{^}}    redisFree(c);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return NULL;{{$}}
  }
  return c;
}

// Clean: the failed context is freed; NULL needs nothing.
redisContext *connectOrNullClean(const char *host) {
  redisContext *c = redisConnect(host, 6379);
  if (c == NULL || c->err) {
    fprintf(stderr, "cannot connect\n");
    redisFree(c);
    return NULL;
  }
  return c;
}

// Leaks: each reply acquire, its handle discarded.
void everyReply(redisContext *c, const char **argv, const size_t *lens) {
  redisCommand(c, "PING");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis reply acquired by 'redisCommand' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'freeReplyObject'
  // CHECK-FIXES: {{^}}  freeReplyObject(redisCommand(c, "PING"));{{$}}
  redisCommandArgv(c, 1, argv, lens);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis reply acquired by 'redisCommandArgv' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'freeReplyObject'
  // CHECK-FIXES: {{^}}  freeReplyObject(redisCommandArgv(c, 1, argv, lens));{{$}}
}

// Clean: each reply freed.
void everyReplyFreed(redisContext *c, const char **argv, const size_t *lens) {
  freeReplyObject(redisCommand(c, "PING"));
  freeReplyObject(redisCommandArgv(c, 1, argv, lens));
}

// Leaks: an error reply is still a reply to free.
long long incr(redisContext *c) {
  redisReply *r = redisCommand(c, "INCR counter");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: Redis reply acquired by 'redisCommand' is not released on every path [connleak-unreleased]
  if (!r)
    return -1;
  if (r->type != REDIS_REPLY_INTEGER)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'freeReplyObject(r)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (r->type != REDIS_REPLY_INTEGER) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    freeReplyObject(r);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  long long v = r->integer;
  freeReplyObject(r);
  return v;
}

// Clean: a NULL reply (I/O error) is no reply.
long long incrClean(redisContext *c) {
  redisReply *r = redisCommand(c, "INCR counter");
  if (!r)
    return -1;
  long long v = r->type == REDIS_REPLY_INTEGER ? r->integer : -1;
  freeReplyObject(r);
  return v;
}

// Leaks: a pipelined reply is dropped when it is an error.
int pipelined(redisContext *c) {
  redisReply *r;
  redisAppendCommand(c, "PING");
  if (redisGetReply(c, (void **)&r) != REDIS_OK)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: Redis reply acquired by 'redisGetReply' is not released on every path [connleak-unreleased]
    return -1;
  if (r->type == REDIS_REPLY_ERROR)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'freeReplyObject(r)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (r->type == REDIS_REPLY_ERROR) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    freeReplyObject(r);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  freeReplyObject(r);
  return 0;
}

// Clean: redisGetReply stores no reply when it fails.
int pipelinedClean(redisContext *c) {
  redisReply *r;
  redisAppendCommand(c, "PING");
  if (redisGetReply(c, (void **)&r) != REDIS_OK)
    return -1;
  int ok = r->type != REDIS_REPLY_ERROR;
  freeReplyObject(r);
  return ok ? 0 : -1;
}

// Clean: a failed redisGetReply (REDIS_ERR, or any code but REDIS_OK)
// stores no reply.
void replyOrError(redisContext *c) {
  void *r = NULL;
  if (redisGetReply(c, &r) == REDIS_ERR)
    return;
  freeReplyObject(r);
}

// Leaks: a code that is not REDIS_ERR may be REDIS_OK, with a reply.
void replyUnlessError(redisContext *c) {
  void *r = NULL;
  // CHECK-NOTES: :[[@LINE+1]]:7: warning: Redis reply acquired by 'redisGetReply' is not released on every path [connleak-unreleased]
  if (redisGetReply(c, &r) != REDIS_ERR)
    return;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'freeReplyObject(r)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (redisGetReply(c, &r) != REDIS_ERR) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    freeReplyObject(r);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  freeReplyObject(r);
}

// Leaks: redisGetReplyFromReader hands out a reply like redisGetReply.
int fromReader(redisContext *c) {
  redisReply *r;
  if (redisGetReplyFromReader(c, (void **)&r) != REDIS_OK)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: Redis reply acquired by 'redisGetReplyFromReader' is not released on every path [connleak-unreleased]
    return -1;
  if (r->type == REDIS_REPLY_ERROR)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'freeReplyObject(r)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (r->type == REDIS_REPLY_ERROR) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    freeReplyObject(r);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  freeReplyObject(r);
  return 0;
}

// Clean: no reply when it fails, and the one it stores is freed.
int fromReaderClean(redisContext *c) {
  redisReply *r;
  if (redisGetReplyFromReader(c, (void **)&r) != REDIS_OK)
    return -1;
  int ok = r->type != REDIS_REPLY_ERROR;
  freeReplyObject(r);
  return ok ? 0 : -1;
}

// Clean: redisFreeKeepFd frees the context and keeps its socket.
int keepSocket(const char *path) {
  redisContext *c = redisConnectUnix(path);
  if (!c)
    return -1;
  return redisFreeKeepFd(c);
}

// Double release: redisFreeKeepFd has freed it already.
int keepSocketThenFree(const char *path) {
  redisContext *c = redisConnectUnix(path);
  if (!c)
    return -1;
  int fd = redisFreeKeepFd(c);
  redisFree(c);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Redis context 'c' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: first released here
  return fd;
}

// Leaks: a failed async connect still needs redisAsyncFree.
redisAsyncContext *asyncConnect(const char *host) {
  redisAsyncContext *ac = redisAsyncConnect(host, 6379);
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: Redis async context acquired by 'redisAsyncConnect' is not released on every path [connleak-unreleased]
  if (ac == NULL || ac->err)
    return NULL;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'redisAsyncFree(ac)'
    // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: 'ac' may be NULL here; call 'redisAsyncFree(ac)' only when it is not
    // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the false branch
    // CHECK-NOTES: :[[@LINE-5]]:21: note: taking the true branch
  return ac;
}

// Clean: freed on the failure path.
redisAsyncContext *asyncConnectClean(const char *host) {
  redisAsyncContext *ac = redisAsyncConnect(host, 6379);
  if (ac == NULL || ac->err) {
    redisAsyncFree(ac);
    return NULL;
  }
  return ac;
}

// Clean: redisAsyncDisconnect frees the context once its replies are read.
void asyncDisconnect(const char *path) {
  redisAsyncContext *ac = redisAsyncConnectUnix(path);
  if (!ac)
    return;
  redisAsyncCommand(ac, NULL, NULL, "SET k v");
  redisAsyncDisconnect(ac);
}

// Clean: attached to an event loop, the library frees it on disconnect.
int asyncOnLoop(struct event_base *base) {
  redisAsyncContext *ac = redisAsyncConnect("localhost", 6379);
  if (!ac)
    return -1;
  redisLibeventAttach(ac, base);
  return event_base_dispatch(base);
}

// Clean: hiredis hands out no reply from a context whose err is set, so
// the early return has nothing to free (Kamailio's db_redis).
redisReply *commandOrNull(redisContext *c) {
  redisReply *r = redisCommand(c, "PING");
  if (c->err != REDIS_OK)
    return NULL;
  return r;
}

// Clean: the same after redisGetReply's status (rsyslog's omhiredis).
int replyOrContextError(redisContext *c) {
  redisReply *r;
  if (redisGetReply(c, (void **)&r) != REDIS_OK || c->err)
    return -1;
  freeReplyObject(r);
  return 0;
}

// Leaks: the err of another context says nothing of this reply.
redisReply *otherContextErr(redisContext *c, redisContext *other) {
  redisReply *r = redisCommand(c, "PING");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: Redis reply acquired by 'redisCommand' is not released on every path [connleak-unreleased]
  if (other->err)
    return NULL;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'freeReplyObject(r)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (other->err) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    freeReplyObject(r);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return NULL;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return r;
}

// Leaks: err not set says nothing either.
redisReply *errNotSet(redisContext *c) {
  redisReply *r = redisCommand(c, "PING");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: Redis reply acquired by 'redisCommand' is not released on every path [connleak-unreleased]
  if (c->err == 0)
    return NULL;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'freeReplyObject(r)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (c->err == 0) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    freeReplyObject(r);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return NULL;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return r;
}
