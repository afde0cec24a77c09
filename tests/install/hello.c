/* A user's program built against the installed package: compiles a
 * lexicon, tags one comment, prints the themes.  Exit 0 when it finds
 * "shipping". */
#include <stdio.h>
#include <string.h>

#include <verbatim.h>

int main(void) {
  const char *name = "inline.json";
  const char *json = "{\"themes\": [{\"id\": \"shipping\", \"label\": "
                     "\"Shipping\", \"terms\": [\"delivery\"]}]}";
  size_t len = strlen(json);
  vb_lexicon *lex;
  vb_matcher *m;
  vb_error err;
  if (vb_lexicon_compile(1, &name, &json, &len, &lex, &err) ||
      vb_matcher_new(lex, &m, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return 1;
  }
  const char *text = "Deliveries were late";
  vb_matcher_run(m, text, strlen(text));
  int ok = vb_matcher_has_theme(m, 0);
  printf("verbatim %s: %s\n", vb_version(), ok ? "shipping" : "(none)");
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  return ok ? 0 : 1;
}
