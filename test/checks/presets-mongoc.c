// RUN: %check_both %s -- %mongoc

// The MongoDB C driver preset: clients, pooled clients, pools, databases,
// collections, cursors and change streams; each family has a leaking case,
// its clean twin and a failure path.

#include <mongoc/mongoc.h>
#include <stdio.h>

// Leaks: each acquire, its handle discarded.
void everyAcquire(const mongoc_uri_t *uri, mongoc_client_pool_t *pool,
                  mongoc_client_t *client, mongoc_database_t *db,
                  mongoc_collection_t *coll, const bson_t *q) {
  mongoc_client_new("mongodb://localhost");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB client acquired by 'mongoc_client_new' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_client_destroy'
  // CHECK-FIXES: {{^}}  mongoc_client_destroy(mongoc_client_new("mongodb://localhost"));{{$}}
  mongoc_client_new_from_uri(uri);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB client acquired by 'mongoc_client_new_from_uri' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_client_destroy'
  // CHECK-FIXES: {{^}}  mongoc_client_destroy(mongoc_client_new_from_uri(uri));{{$}}
  mongoc_client_pool_new(uri);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB client pool acquired by 'mongoc_client_pool_new' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_client_pool_destroy'
  // CHECK-FIXES: {{^}}  mongoc_client_pool_destroy(mongoc_client_pool_new(uri));{{$}}
  mongoc_client_pool_pop(pool);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB pooled client acquired by 'mongoc_client_pool_pop' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_client_pool_push'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no automatic fix: keep the handle and release it with 'mongoc_client_pool_push(..., ...)'
  mongoc_client_pool_try_pop(pool);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB pooled client acquired by 'mongoc_client_pool_try_pop' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_client_pool_push'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no automatic fix: keep the handle and release it with 'mongoc_client_pool_push(..., ...)'
  mongoc_client_get_database(client, "db");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB database acquired by 'mongoc_client_get_database' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_database_destroy'
  // CHECK-FIXES: {{^}}  mongoc_database_destroy(mongoc_client_get_database(client, "db"));{{$}}
  mongoc_client_get_collection(client, "db", "c");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB collection acquired by 'mongoc_client_get_collection' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_collection_destroy'
  // CHECK-FIXES: {{^}}  mongoc_collection_destroy(mongoc_client_get_collection(client, "db", "c"));{{$}}
  mongoc_database_get_collection(db, "c");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB collection acquired by 'mongoc_database_get_collection' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_collection_destroy'
  // CHECK-FIXES: {{^}}  mongoc_collection_destroy(mongoc_database_get_collection(db, "c"));{{$}}
  mongoc_collection_find_with_opts(coll, q, NULL, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB cursor acquired by 'mongoc_collection_find_with_opts' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_cursor_destroy'
  // CHECK-FIXES: {{^}}  mongoc_cursor_destroy(mongoc_collection_find_with_opts(coll, q, NULL, NULL));{{$}}
  mongoc_collection_aggregate(coll, MONGOC_QUERY_NONE, q, NULL, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB cursor acquired by 'mongoc_collection_aggregate' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_cursor_destroy'
  // CHECK-FIXES: {{^}}  mongoc_cursor_destroy(mongoc_collection_aggregate(coll, MONGOC_QUERY_NONE, q, NULL, NULL));{{$}}
  mongoc_client_find_databases_with_opts(client, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB cursor acquired by 'mongoc_client_find_databases_with_opts' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_cursor_destroy'
  // CHECK-FIXES: {{^}}  mongoc_cursor_destroy(mongoc_client_find_databases_with_opts(client, NULL));{{$}}
  mongoc_database_find_collections_with_opts(db, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB cursor acquired by 'mongoc_database_find_collections_with_opts' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_cursor_destroy'
  // CHECK-FIXES: {{^}}  mongoc_cursor_destroy(mongoc_database_find_collections_with_opts(db, NULL));{{$}}
  mongoc_collection_watch(coll, q, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB change stream acquired by 'mongoc_collection_watch' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mongoc_change_stream_destroy'
  // CHECK-FIXES: {{^}}  mongoc_change_stream_destroy(mongoc_collection_watch(coll, q, NULL));{{$}}
}

// Clean: each acquire, released.
void everyAcquireReleased(const mongoc_uri_t *uri, mongoc_client_pool_t *pool,
                          mongoc_client_t *client, mongoc_database_t *db,
                          mongoc_collection_t *coll, const bson_t *q) {
  mongoc_client_destroy(mongoc_client_new("mongodb://localhost"));
  mongoc_client_destroy(mongoc_client_new_from_uri(uri));
  mongoc_client_pool_destroy(mongoc_client_pool_new(uri));
  mongoc_database_destroy(mongoc_client_get_database(client, "db"));
  mongoc_collection_destroy(mongoc_client_get_collection(client, "db", "c"));
  mongoc_collection_destroy(mongoc_database_get_collection(db, "c"));
  mongoc_cursor_destroy(mongoc_collection_find_with_opts(coll, q, NULL, NULL));
  mongoc_cursor_destroy(
      mongoc_collection_aggregate(coll, MONGOC_QUERY_NONE, q, NULL, NULL));
  mongoc_cursor_destroy(mongoc_client_find_databases_with_opts(client, NULL));
  mongoc_cursor_destroy(mongoc_database_find_collections_with_opts(db, NULL));
  mongoc_change_stream_destroy(mongoc_collection_watch(coll, q, NULL));
}

// Leaks: the cursor is not destroyed when iteration fails.
int countDocs(mongoc_collection_t *coll, const bson_t *q) {
  const bson_t *doc;
  bson_error_t err;
  int n = 0;
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, q, NULL, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: MongoDB cursor acquired by 'mongoc_collection_find_with_opts' is not released on every path [connleak-unreleased]
  while (mongoc_cursor_next(cursor, &doc))
    n++;
  if (mongoc_cursor_error(cursor, &err))
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'mongoc_cursor_destroy(cursor)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (mongoc_cursor_error(cursor, &err)) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    mongoc_cursor_destroy(cursor);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  mongoc_cursor_destroy(cursor);
  return n;
}

// Clean: destroyed on both paths.
int countDocsClean(mongoc_collection_t *coll, const bson_t *q) {
  const bson_t *doc;
  bson_error_t err;
  int n = 0;
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, q, NULL, NULL);
  while (mongoc_cursor_next(cursor, &doc))
    n++;
  if (mongoc_cursor_error(cursor, &err))
    n = -1;
  mongoc_cursor_destroy(cursor);
  return n;
}

// Leaks: the collection is not destroyed when the insert fails.
int insertOne(mongoc_client_t *client, const bson_t *doc) {
  bson_error_t err;
  mongoc_collection_t *coll = mongoc_client_get_collection(client, "db", "c");
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: MongoDB collection acquired by 'mongoc_client_get_collection' is not released on every path [connleak-unreleased]
  if (!mongoc_collection_insert_one(coll, doc, NULL, NULL, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'mongoc_collection_destroy(coll)'
    // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}    fprintf(stderr, "%s\n", err.message);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    mongoc_collection_destroy(coll);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  }
  mongoc_collection_destroy(coll);
  return 0;
}

// Leaks: the popped client is not pushed back on the failure path.
int pingPooled(mongoc_client_pool_t *pool, const bson_t *cmd) {
  bson_error_t err;
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: MongoDB pooled client acquired by 'mongoc_client_pool_pop' is not released on every path [connleak-unreleased]
  if (!mongoc_client_command_simple(client, "admin", cmd, NULL, NULL, &err))
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'mongoc_client_pool_push(..., client)'
    // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: call 'mongoc_client_pool_push(..., client)' before this point
    // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
  mongoc_client_pool_push(pool, client);
  return 0;
}

// Clean: pushed back on both paths; try_pop's NULL is no client.
int pingPooledClean(mongoc_client_pool_t *pool, const bson_t *cmd) {
  bson_error_t err;
  mongoc_client_t *client = mongoc_client_pool_try_pop(pool);
  if (!client)
    return -1;
  bool ok = mongoc_client_command_simple(client, "admin", cmd, NULL, NULL, &err);
  mongoc_client_pool_push(pool, client);
  return ok ? 0 : -1;
}

// Mismatched: a pooled client goes back to its pool, it is not destroyed.
void pooledDestroyed(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_client_destroy(client);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB pooled client 'client' is released with 'mongoc_client_destroy' instead of 'mongoc_client_pool_push' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:29: note: acquired here by 'mongoc_client_pool_pop'
}

// Leaks: a client from a bad URI is NULL, but a good one must be destroyed.
int ping(const char *uri_string, const bson_t *cmd) {
  bson_error_t err;
  mongoc_client_t *client = mongoc_client_new(uri_string);
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: MongoDB client acquired by 'mongoc_client_new' is not released on every path [connleak-unreleased]
  if (!client)
    return -1;
  if (!mongoc_client_command_simple(client, "admin", cmd, NULL, NULL, &err))
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'mongoc_client_destroy(client)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (!mongoc_client_command_simple(client, "admin", cmd, NULL, NULL, &err)) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    mongoc_client_destroy(client);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  mongoc_client_destroy(client);
  return 0;
}

// Clean: a pool and its database handle, both released.
void poolAndDatabase(const mongoc_uri_t *uri) {
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  if (!pool)
    return;
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_database_t *db = mongoc_client_get_database(client, "db");
  mongoc_database_destroy(db);
  mongoc_client_pool_push(pool, client);
  mongoc_client_pool_destroy(pool);
}

// Mismatched: a client pushed to another pool than the one it was popped
// from; a client popped from a pool the caller passes and pushed back to
// it is clean.
void pushedToOtherPool(const mongoc_uri_t *uri, mongoc_client_pool_t *pool) {
  mongoc_client_pool_t *spare = mongoc_client_pool_new(uri);
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_client_pool_push(spare, client);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MongoDB pooled client 'client' is given back to 'spare', not to 'pool' it was taken from [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:29: note: acquired here by 'mongoc_client_pool_pop'
  client = mongoc_client_pool_pop(pool);
  mongoc_client_pool_push(pool, client);
  mongoc_client_pool_destroy(spare);
}
