/*
 * detect_bench.cc -- the two language detectors Debian packages, CLD2
 * (libcld2) and exttextcat (libexttextcat), on short survey comments:
 * accuracy per language and cost, single thread.  bench/detect/run.sh
 * builds it and writes the test set; see that script for the command.
 *
 *   detect_bench TESTSET.tsv CONF9 [RUNS [ALL.tsv]]
 *   detect_bench --whole ALL.tsv [RUNS]      (step 5 alone)
 *   detect_bench --time ALL.tsv              (one number: the engine's
 *                                             detector, us/comment, one
 *                                             pass after a warm-up one)
 *
 * TESTSET.tsv: `source<TAB>lang<TAB>words<TAB>text` lines (testset.py);
 * CONF9: an exttextcat configuration of our 9 languages; ALL.tsv: every
 * comment of the generated corpus, for the cost on a whole corpus.
 * Prints Markdown tables:
 *   1. accuracy per language (share correct, share und, share wrong) of
 *      each detector, on all comments (5-30 words) and on the 5-10 word
 *      subset;
 *   2. cost: microseconds of CPU time per comment (median of RUNS timed
 *      passes over the whole set, default 5) and MB/s;
 *   3. CLD2's confidence rules on the 5-10 word subset: is_reliable alone,
 *      and is_reliable plus a floor on the top language's percent;
 *   4. CLD2 on the first N bytes only (cut at a UTF-8 boundary);
 *   5. with ALL.tsv: the cost of detection over a whole benchmark corpus
 *      (English and blank comments included, as `verbatim report` sees
 *      them), and how often Verbatim's English shortcut answered.
 *
 * Detectors:
 *   cld2       ExtDetectLanguageSummaryCheckUTF8, plain text, no hints;
 *              und when not is_reliable or the language is unknown.
 *   textcat    special_textcat_Init with Debian's fpdb.conf (all its 160
 *              languages); und for UNKNOWN, SHORT, or more than one
 *              candidate (its way of saying "not sure").
 *   textcat-9  the same with a configuration of our 9 languages only
 *              (run.sh writes it): faster, but every other language then
 *              comes out as one of ours.
 *   verbatim   what the engine ships, engine/detect.c (its English
 *              shortcut, then CLD2 on the first 128 bytes), compiled in
 *              by run.sh.
 */
#include <cstdio> /* before CLD2's header, which uses FILE */

#include <cld2/public/compact_lang_det.h>
#include <libexttextcat/textcat.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

/* engine/detect.c's entry points and its detector's layout, as
 * engine/internal.h declares them (that header is C). */
extern "C" {
struct vb__detector {
  uint64_t shortcut_hits;
  uint64_t word_key[512];
  unsigned char word_kind[512];
};
int vb__detector_init(vb__detector *d);
size_t vb__detect_language(vb__detector *d, const char *utf8, size_t len,
                           char code[16]);
}

namespace {

struct Item {
  std::string source, lang, text;
  int words;
};

struct Raw { /* one detector's answer on one comment */
  std::string code;
  int percent;
  bool reliable;
};

/* CPU time of this thread: the machines the benchmarks run on are shared,
 * and CPU time suffers less than wall time from other processes. */
double now_us() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Primary BCP 47 code from CLD2's code ("zh-Hant" -> "zh", "iw" -> "he"). */
std::string primary(std::string c) {
  size_t dash = c.find_first_of("-_");
  if (dash != std::string::npos)
    c.resize(dash);
  if (c == "iw")
    return "he";
  if (c == "in")
    return "id";
  if (c == "un" || c == "xxx" || c.empty())
    return "und";
  return c;
}

/* Length of the prefix of at most n bytes that ends at a UTF-8 boundary. */
size_t utf8_cut(const std::string &s, size_t n) {
  if (n >= s.size())
    return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
    n--;
  return n;
}

Raw run_cld2(const char *p, size_t n) {
  CLD2::Language lang3[3];
  int pct3[3], text_bytes = 0, valid = 0;
  double score3[3];
  bool reliable = false;
  CLD2::Language l = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      p, static_cast<int>(n), true, nullptr, 0, lang3, pct3, score3, nullptr,
      &text_bytes, &reliable, &valid);
  return Raw{primary(CLD2::LanguageCode(l)), pct3[0], reliable};
}

Raw run_textcat(void *h, const char *p, size_t n) {
  const char *r = textcat_Classify(h, p, n);
  std::string s = r ? r : "";
  /* "[en--utf8]" alone is an answer; several candidates, UNKNOWN or SHORT
   * are not */
  if (s.size() < 3 || s[0] != '[' || s.find('[', 1) != std::string::npos)
    return Raw{"und", 0, false};
  std::string name = s.substr(1, s.find(']') - 1);
  return Raw{primary(name), 100, true};
}

using Detect = Raw (*)(void *, const char *, size_t);

Raw run_verbatim(void *h, const char *p, size_t n) {
  char code[16];
  vb__detect_language(static_cast<vb__detector *>(h), p, n, code);
  return Raw{code, 100, true};
}

Raw cld2_adapter(void *, const char *p, size_t n) { return run_cld2(p, n); }

struct Detector {
  std::string name;
  Detect fn;
  void *handle;
  size_t cut; /* 0: whole comment */
};

std::vector<Raw> answers(const Detector &d, const std::vector<Item> &set) {
  std::vector<Raw> out;
  out.reserve(set.size());
  for (const Item &it : set) {
    size_t n = d.cut ? utf8_cut(it.text, d.cut) : it.text.size();
    out.push_back(d.fn(d.handle, it.text.data(), n));
  }
  return out;
}

struct Cost {
  double us_per_comment, mb_s;
};

Cost cost(const Detector &d, const std::vector<Item> &set, int runs) {
  std::vector<double> t;
  size_t bytes = 0, sink = 0;
  for (const Item &it : set)
    bytes += d.cut ? utf8_cut(it.text, d.cut) : it.text.size();
  for (int r = 0; r < runs; r++) {
    double t0 = now_us();
    for (const Item &it : set) {
      size_t n = d.cut ? utf8_cut(it.text, d.cut) : it.text.size();
      sink += d.fn(d.handle, it.text.data(), n).code.size();
    }
    t.push_back(now_us() - t0);
  }
  std::sort(t.begin(), t.end());
  double med = t[t.size() / 2];
  if (sink == 42)
    std::puts(""); /* keeps the calls */
  return Cost{med / set.size(), bytes / med};
}

/* The rule that turns a raw answer into a code: und below min_percent. */
std::string decide(const Raw &r, int min_percent) {
  if (!r.reliable || r.percent < min_percent)
    return "und";
  return r.code;
}

const char *LANGS[] = {"en", "fr", "de", "es", "it", "pt", "nl", "zh", "ja"};

struct Tally {
  int n = 0, ok = 0, und = 0, wrong = 0;
};

/* Tallies by "lang" (source gen) and "en (gold)"; subset: words <= 10. */
std::map<std::string, Tally> tally(const std::vector<Item> &set,
                                   const std::vector<Raw> &ans, int min_pct,
                                   bool short_only) {
  std::map<std::string, Tally> m;
  for (size_t i = 0; i < set.size(); i++) {
    if (short_only && set[i].words > 10)
      continue;
    std::string key = set[i].source == "gold" && set[i].lang == "en"
                          ? "en (gold)"
                          : set[i].lang;
    std::string got = decide(ans[i], min_pct);
    for (const std::string &k : {key, std::string("all")}) {
      Tally &t = m[k];
      t.n++;
      if (got == set[i].lang)
        t.ok++;
      else if (got == "und")
        t.und++;
      else
        t.wrong++;
    }
  }
  return m;
}

std::vector<std::string> keys() {
  std::vector<std::string> k(std::begin(LANGS), std::end(LANGS));
  k.insert(k.begin() + 1, "en (gold)");
  k.push_back("all");
  return k;
}

std::string pct(int a, int n) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", n ? 100.0 * a / n : 0.0);
  return b;
}

void accuracy_table(const std::vector<Detector> &ds,
                    const std::vector<std::vector<Raw>> &ans,
                    const std::vector<Item> &set, bool short_only) {
  std::printf("\n%s: %% correct / %% und / %% wrong\n\n| lang | n |",
              short_only ? "5-10 words" : "5-30 words");
  for (const Detector &d : ds)
    std::printf(" %s |", d.name.c_str());
  std::printf("\n|---|---:|");
  for (size_t i = 0; i < ds.size(); i++)
    std::printf("---|");
  std::printf("\n");
  std::vector<std::map<std::string, Tally>> t;
  for (size_t i = 0; i < ds.size(); i++)
    t.push_back(tally(set, ans[i], 0, short_only));
  for (const std::string &k : keys()) {
    std::printf("| %s | %d |", k.c_str(), t[0][k].n);
    for (size_t i = 0; i < ds.size(); i++) {
      Tally x = t[i][k];
      std::printf(" %s / %s / %s |", pct(x.ok, x.n).c_str(),
                  pct(x.und, x.n).c_str(), pct(x.wrong, x.n).c_str());
    }
    std::printf("\n");
  }
}

void threshold_table(const std::vector<Item> &set, const std::vector<Raw> &a) {
  std::printf("\nCLD2, 5-10 words, und unless is_reliable and top percent >= "
              "X: %% correct / %% und / %% wrong\n\n| X |");
  for (const std::string &k : keys())
    std::printf(" %s |", k.c_str());
  std::printf("\n|---:|");
  for (size_t i = 0; i < keys().size(); i++)
    std::printf("---|");
  std::printf("\n");
  for (int x : {0, 50, 60, 70, 80, 90}) {
    auto t = tally(set, a, x, true);
    std::printf("| %d |", x);
    for (const std::string &k : keys())
      std::printf(" %s / %s / %s |", pct(t[k].ok, t[k].n).c_str(),
                  pct(t[k].und, t[k].n).c_str(),
                  pct(t[k].wrong, t[k].n).c_str());
    std::printf("\n");
  }
}

std::vector<Item> load(const char *path) {
  std::vector<Item> set;
  FILE *f = std::fopen(path, "r");
  if (!f) {
    std::perror(path);
    std::exit(1);
  }
  char *line = nullptr;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, f)) > 0) {
    std::string s(line, static_cast<size_t>(len));
    if (!s.empty() && s.back() == '\n')
      s.pop_back();
    size_t a = s.find('\t'), b = s.find('\t', a + 1), c = s.find('\t', b + 1);
    if (c == std::string::npos)
      continue;
    set.push_back(Item{s.substr(0, a), s.substr(a + 1, b - a - 1),
                       s.substr(c + 1), std::atoi(s.c_str() + b + 1)});
  }
  std::free(line);
  std::fclose(f);
  return set;
}

/* Cost over every comment of a benchmark corpus, and accuracy by its
 * lang column (und: emoji-only and blank comments). */
void whole_corpus(const std::vector<Item> &all, int runs) {
  size_t bytes = 0;
  for (const Item &it : all)
    bytes += it.text.size();
  std::printf("\nWhole corpus: %zu comments (blank ones included), %.1f MB, "
              "mean %.0f bytes; %% correct / %% und / %% wrong over the "
              "comments with a language (not und)\n\n"
              "| detector | us/comment | MB/s | correct / und / wrong |\n"
              "|---|---:|---:|---|\n",
              all.size(), bytes / 1e6, static_cast<double>(bytes) / all.size());
  vb__detector vd;
  vb__detector_init(&vd);
  std::vector<Detector> ds = {{"cld2", cld2_adapter, nullptr, 0},
                              {"cld2, first 128 B", cld2_adapter, nullptr, 128},
                              {"verbatim", run_verbatim, &vd, 0}};
  std::vector<Item> known;
  for (const Item &it : all)
    if (it.lang != "und")
      known.push_back(it);
  for (const Detector &d : ds) {
    Cost c = cost(d, all, runs);
    Tally t = tally(known, answers(d, known), 0, false)["all"];
    std::printf("| %s | %.2f | %.1f | %s / %s / %s |\n", d.name.c_str(),
                c.us_per_comment, c.mb_s, pct(t.ok, t.n).c_str(),
                pct(t.und, t.n).c_str(), pct(t.wrong, t.n).c_str());
  }
  vb__detector once;
  vb__detector_init(&once);
  size_t en = 0, foreign_hits = 0;
  for (const Item &it : all) {
    char code[16];
    uint64_t before = once.shortcut_hits;
    vb__detect_language(&once, it.text.data(), it.text.size(), code);
    en += it.lang == "en";
    if (once.shortcut_hits != before && it.lang != "en")
      foreign_hits++;
  }
  std::printf(
      "\nThe English shortcut answered %llu comments: %s%% of the "
      "%zu English ones; it answered %zu comments that are not "
      "English.\n",
      static_cast<unsigned long long>(once.shortcut_hits),
      pct(static_cast<int>(once.shortcut_hits), static_cast<int>(en)).c_str(),
      en, foreign_hits);
}

} // namespace

int main(int argc, char **argv) {
  if (argc >= 3 && !std::strcmp(argv[1], "--time")) {
    std::vector<Item> all = load(argv[2]);
    vb__detector vd;
    vb__detector_init(&vd);
    Detector d{"verbatim", run_verbatim, &vd, 0};
    cost(d, all, 1); /* warm-up: page cache, CLD2's tables */
    std::printf("%.4f\n", cost(d, all, 1).us_per_comment);
    return 0;
  }
  if (argc >= 3 && !std::strcmp(argv[1], "--whole")) {
    whole_corpus(load(argv[2]), argc > 3 ? std::atoi(argv[3]) : 5);
    return 0;
  }
  if (argc < 3) {
    std::fprintf(stderr, "usage: detect_bench TESTSET.tsv CONF9 [RUNS]\n");
    return 2;
  }
  std::vector<Item> set = load(argv[1]);
  int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  const char *dir = "/usr/share/libexttextcat/";
  void *tc_all =
      special_textcat_Init("/usr/share/libexttextcat/fpdb.conf", dir);
  void *tc_9 = special_textcat_Init(argv[2], dir);
  if (!tc_all || !tc_9) {
    std::fprintf(stderr, "detect_bench: exttextcat failed to load\n");
    return 1;
  }
  vb__detector vd;
  vb__detector_init(&vd);
  std::vector<Detector> ds = {
      {"cld2", cld2_adapter, nullptr, 0},
      {"textcat", run_textcat, tc_all, 0},
      {"textcat-9", run_textcat, tc_9, 0},
      {"verbatim", run_verbatim, &vd, 0},
  };
  size_t bytes = 0;
  for (const Item &it : set)
    bytes += it.text.size();
  std::printf("Test set: %zu comments, %zu bytes (mean %.0f bytes)\n",
              set.size(), bytes, static_cast<double>(bytes) / set.size());
  std::vector<std::vector<Raw>> ans;
  for (const Detector &d : ds)
    ans.push_back(answers(d, set));
  accuracy_table(ds, ans, set, false);
  accuracy_table(ds, ans, set, true);

  std::printf("\nCost, single thread, median of %d passes over the set\n\n"
              "| detector | us/comment | MB/s |\n|---|---:|---:|\n",
              runs);
  for (const Detector &d : ds) {
    Cost c = cost(d, set, d.fn == run_textcat ? std::min(runs, 3) : runs);
    std::printf("| %s | %.2f | %.1f |\n", d.name.c_str(), c.us_per_comment,
                c.mb_s);
  }
  threshold_table(set, ans[0]);

  std::printf("\nCLD2 on the first N bytes (UTF-8 boundary), rule "
              "is_reliable: %% correct / %% und / %% wrong, all 5-30 word "
              "comments and the 5-10 word subset\n\n"
              "| N | all 5-30 | 5-10 words | us/comment | MB/s |\n"
              "|---:|---|---|---:|---:|\n");
  for (size_t n : {size_t(0), size_t(256), size_t(160), size_t(128), size_t(96),
                   size_t(64)}) {
    Detector d{"cld2", cld2_adapter, nullptr, n};
    std::vector<Raw> a = answers(d, set);
    Tally all = tally(set, a, 0, false)["all"];
    Tally sh = tally(set, a, 0, true)["all"];
    Cost c = cost(d, set, runs);
    std::printf("| %s | %s / %s / %s | %s / %s / %s | %.2f | %.1f |\n",
                n ? std::to_string(n).c_str() : "whole",
                pct(all.ok, all.n).c_str(), pct(all.und, all.n).c_str(),
                pct(all.wrong, all.n).c_str(), pct(sh.ok, sh.n).c_str(),
                pct(sh.und, sh.n).c_str(), pct(sh.wrong, sh.n).c_str(),
                c.us_per_comment, c.mb_s);
  }
  if (argc > 4)
    whole_corpus(load(argv[4]), runs);
  textcat_Done(tc_all);
  textcat_Done(tc_9);
  return 0;
}
