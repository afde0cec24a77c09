/*
 * test_jsonpos.c - source positions of a cJSON tree (engine/jsonpos.c):
 * every key and value is found at its line and column, whatever order
 * the allocator gave the nodes' addresses in.
 *
 * jsonpos looks nodes up by address.  On a fresh heap cJSON's nodes come
 * in the order they were parsed, and jsonpos then skips its sort; this
 * test also parses with an allocator that hands out addresses downwards,
 * as a heap that reuses freed memory may, so that the sort must run.
 */
#include <stdalign.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "internal.h"

/* An allocator for cJSON that hands out blocks from the top of an arena
 * down: each node has a lower address than the one parsed before it. */
static alignas(16) unsigned char arena[1 << 16];
static size_t arena_top = sizeof arena;

static void *downward_malloc(size_t n) {
  n = (n + 15) & ~(size_t)15;
  if (n > arena_top)
    return NULL;
  arena_top -= n;
  return arena + arena_top;
}

static void downward_free(void *p) { (void)p; } /* the arena is static */

static const char DOC[] =
    "{\n"
    "  \"name\": \"x\",\n"
    "  \"themes\": [\n"
    "    {\"id\": \"a\", \"terms\": [\"one\", \"two\"]},\n"
    "    {\"id\": \"b\", \"terms\": [\"three\"]}\n"
    "  ]\n"
    "}\n";

/* Parses DOC and checks the positions of a few keys and values. */
static void check_positions(const char *how) {
  cJSON *root = cJSON_ParseWithLength(DOC, strlen(DOC));
  CHECK(root != NULL);
  if (!root)
    return;
  vb__jsonpos jp;
  CHECK_INT(vb__jsonpos_build(&jp, DOC, strlen(DOC), root), VB_OK);
  const cJSON *themes = cJSON_GetObjectItemCaseSensitive(root, "themes");
  const cJSON *b = cJSON_GetArrayItem(themes, 1);
  const cJSON *two = cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(themes, 0), "terms"),
      1);
  const cJSON *three =
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(b, "terms"), 0);
  struct {
    const cJSON *node;
    bool key;
    unsigned line, column;
  } want[] = {
      {root, false, 1, 1},
      {cJSON_GetObjectItemCaseSensitive(root, "name"), true, 2, 3},
      {cJSON_GetObjectItemCaseSensitive(root, "name"), false, 2, 11},
      {themes, true, 3, 3},
      {themes, false, 3, 13},
      {two, false, 4, 34},
      {b, false, 5, 5},
      {cJSON_GetObjectItemCaseSensitive(b, "id"), false, 5, 12},
      {three, false, 5, 27},
  };
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    unsigned line = 0, column = 0;
    vb__jsonpos_where(&jp, want[i].node, want[i].key, &line, &column);
    if (line != want[i].line || column != want[i].column)
      fprintf(stderr, "%s: entry %zu at %u:%u, expected %u:%u\n", how, i, line,
              column, want[i].line, want[i].column);
    CHECK_INT(line, want[i].line);
    CHECK_INT(column, want[i].column);
  }
  vb__jsonpos_free(&jp);
  cJSON_Delete(root);
}

int main(void) {
  check_positions("malloc");
  cJSON_Hooks hooks = {downward_malloc, downward_free};
  cJSON_InitHooks(&hooks);
  check_positions("addresses downwards");
  cJSON_InitHooks(NULL);
  return check_exit();
}
