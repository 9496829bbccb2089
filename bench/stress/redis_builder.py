#!/usr/bin/env python3
"""Writes a C file shaped like a Redis-backed query builder, to time connleak.

The shape (seen in a SIP server's Redis database module): long functions
that take a connection object whose field holds the `redisContext *`, and
issue one command after another. Each reply goes through a checking macro
that, when the reply is NULL, frees the context with `redisFree(c->ctx)`
and jumps to the error label; every branch logs through a macro that
itself branches on a log level and on where the log goes. Replies come
from helpers defined elsewhere (unknown callees), and their fields fill
local counters. The builders are static helpers that public entry points
call with different constant modes (as an update calls the query builder
once to find keys and once to write), so the engine summarises each of
them once per mode. Uses the real <hiredis/hiredis.h>.

    bench/stress/redis_builder.py [--functions 4] [--commands 40]
        [--log-branches 3] [--modes 4] [--out-params 10] > shape.c
    connleak shape.c -- -I/usr/include/hiredis
"""

import argparse

HEADER = """\
#include <hiredis/hiredis.h>
#include <stdio.h>
#include <string.h>

struct server {
  redisContext *ctx;
  const char *name;
};

struct log_record {
  int level, line;
  const char *func;
};
extern int log_level, log_to_stderr, log_colour, log_busy;
extern void (*log_sink)(struct log_record *rec, const char *msg);
void log_line(int level, const char *fmt, ...);
void *send_command(struct server *srv, const char *cmd, const char *key);
int next_reply(struct server *srv, void **reply);
void drop_reply(redisReply **reply);
"""


def log_macro(branches):
    """A logging macro like those of servers that pick a sink and a format
    at run time: a local level clamped from a constant, a local record
    whose fields are filled when a sink is set, and `branches` more
    decisions on where the line goes. Every use declares its own locals."""
    body = ["#define LOG_AT(lev, msg) \\", "  do { \\",
            "    if (log_busy == 0 && log_level >= (lev)) { \\",
            "      int lvl_; \\",
            "      lvl_ = ((lev) < -5) ? -5 : (((lev) > 3) ? 3 : (lev)); \\",
            "      log_busy++; \\",
            "      if (log_sink) { \\",
            "        struct log_record rec_ = {0}; \\",
            "        rec_.level = lvl_; \\",
            "        rec_.line = __LINE__; \\",
            "        rec_.func = __func__ ? __func__ : \"\"; \\",
            "        log_sink(&rec_, msg); \\",
            "      } else { \\"]
    for i in range(branches):
        body.append(f"        if (log_to_stderr > {i}) \\")
        body.append(f"          log_line(lvl_, \"%s: %s\\n\", __func__, msg); \\")
        body.append("        else \\")
    body += ["          log_line(-1, \"%s\\n\", msg); \\",
             "        if (log_colour) \\",
             "          log_line(-2, \"\\n\"); \\",
             "      } \\", "      log_busy--; \\", "    } \\",
             "  } while (0)",
             "#define LOG_ERR(msg) LOG_AT(-1, msg)",
             "#define LOG_DBG(msg) LOG_AT(3, msg)", ""]
    return "\n".join(body)


CHECK_MACRO = """\
#define CHECK_REPLY(srv, reply, label) \\
  do { \\
    if (!(reply) && !(srv)->ctx) { \\
      LOG_ERR("no connection to server"); \\
      goto label; \\
    } \\
    if (!(reply)) { \\
      LOG_ERR((srv)->ctx->errstr); \\
      redisFree((srv)->ctx); \\
      (srv)->ctx = NULL; \\
      goto label; \\
    } \\
    if ((reply)->type == REDIS_REPLY_ERROR) { \\
      LOG_ERR((reply)->str); \\
      goto label; \\
    } \\
  } while (0)
"""


def command_block(i):
    """One command: send it or read a pipelined reply, check it, read the
    reply into counters, maybe branch on them, drop it."""
    if i % 3 == 0:
        get = (f"  if (next_reply(srv, (void **)&reply) != REDIS_OK) {{\n"
               f"    LOG_ERR(\"reading reply {i}\");\n    goto err;\n  }}\n")
    else:
        get = f"  reply = send_command(srv, \"CMD{i}\", key);\n"
    use = [f"  count{i % 4} += (int)reply->integer;",
           f"  if (reply->type == REDIS_REPLY_ARRAY && reply->elements > {i})",
           f"    rows = (int)reply->elements;",
           f"  if (count{i % 4} > {i}) {{",
           f"    LOG_ERR(\"too many in step {i}\");",
           "    drop_reply(&reply);", "    goto err;", "  }"]
    return (get + "  CHECK_REPLY(srv, reply, err);\n" +
            f"  LOG_DBG(\"step {i}\");\n" + "\n".join(use) +
            "\n  drop_reply(&reply);\n")


def out_params(count):
    return "".join(f", int *out{k}" for k in range(count))


def function(n, commands, outs):
    """A builder: `outs` pointer parameters for what it finds (counts, key
    lists), as builders return several lists and their lengths."""
    lines = [f"static int query_{n}(struct server *srv, const char *key, "
             f"int mode{out_params(outs)}) {{",
             "  redisReply *reply = NULL;",
             "  int count0 = 0, count1 = 0, count2 = 0, count3 = 0, rows = 0;"]
    for i in range(commands):
        if i % 10 == 5:
            # A step only some modes take, as a builder's optional clause.
            inner = command_block(i).replace("\n  ", "\n    ")
            lines.append(f"  if (mode == {i % 4}) {{\n  {inner}  }}")
        else:
            lines.append(command_block(i))
    lines += [f"  *out{k} = count{k % 4};" for k in range(outs)]
    lines += ["  return count0 + count1 + count2 + count3 + rows;", "err:",
              "  if (reply)", "    drop_reply(&reply);", "  return -1;", "}",
              ""]
    return "\n".join(lines)


def entry_points(functions, modes, outs):
    """One public function per builder, calling it once per mode."""
    out = []
    args = "".join(f", &found[{k}]" for k in range(outs))
    for n in range(functions):
        calls = "\n".join(f"  if (query_{n}(srv, key, {m}{args}) < 0)\n"
                          "    return -1;" for m in range(modes))
        out.append(f"int run_{n}(struct server *srv, const char *key) {{\n"
                   f"  int found[{max(outs, 1)}];\n"
                   f"{calls}\n  return found[0];\n}}\n")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--functions", type=int, default=4)
    ap.add_argument("--commands", type=int, default=40,
                    help="commands per function")
    ap.add_argument("--log-branches", type=int, default=3,
                    help="decisions in the logging macro")
    ap.add_argument("--modes", type=int, default=4,
                    help="constant modes each builder is called with")
    ap.add_argument("--out-params", type=int, default=10,
                    help="pointer parameters each builder fills")
    args = ap.parse_args()
    print(source(args.functions, args.commands, args.log_branches,
                 args.modes, args.out_params), end="")


def source(functions, commands, log_branches, modes, outs):
    """The whole file, as main prints it."""
    parts = [HEADER, log_macro(log_branches), CHECK_MACRO]
    parts += [function(n, commands, outs) for n in range(functions)]
    parts.append(entry_points(functions, modes, outs))
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    main()
