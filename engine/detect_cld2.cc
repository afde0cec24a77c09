/*
 * detect_cld2.cc - the C shim over CLD2 (Debian's libcld2), the language
 * detector detect.c uses.  CLD2 is C++; this is the project's one C++
 * file, and it only translates: bytes in, CLD2's own language code out.
 * Choosing what counts as reliable, mapping codes to BCP 47 and the
 * English shortcut are in detect.c.
 *
 * CLD2 keeps no state between calls (its tables are constant), so the
 * shim may be called from any number of threads at once.  Nothing C++
 * escapes: an exception (std::bad_alloc from CLD2's scratch buffers) is
 * "unknown".
 *
 * Cost to know of: each CLD2 call allocates and frees about 175 kB of
 * scratch (five buffers).  Where those land on top of glibc's heap, the
 * free gives the memory back to the kernel and the next call faults it
 * in again: 170 us a call instead of 3 in a small test program.  In a
 * process whose heap holds other live blocks above them (the benchmark
 * program, the engine) it does not happen; if a profile ever shows
 * sysmalloc/brk under vb__cld2_detect, mallopt(M_TRIM_THRESHOLD) in the
 * program (not the library) is the cure.
 *
 * CLD2 reads past the end of its input: when a character ends exactly
 * at the last byte, its script scanner reads the next character too
 * (ClickHouse patched the same in their copy of CLD2; valgrind shows it
 * here on texts such as "\xe1\xbd\xbc\xca\xac").  The answer then
 * depends on whatever bytes follow the text in memory, and a text at the
 * end of a mapping could fault.  So CLD2 gets a copy followed by NUL
 * bytes, which end its scan.
 */
#include <cstdio> /* CLD2's header uses FILE without including it */
#include <cstring>
#include <memory>

#include <cld2/public/compact_lang_det.h>

/* Declared for C in internal.h (---- detect.c ----); that header is C. */
extern "C" const char *vb__cld2_detect(const char *utf8, size_t len);

/* CLD2's code for the text's language, or nullptr when CLD2 does not
 * call its answer reliable.  Text that is not valid UTF-8 is judged on
 * its valid prefix (CLD2 refuses the whole otherwise). */
extern "C" const char *vb__cld2_detect(const char *utf8, size_t len) {
  if (len == 0 || len > 0x7fffffff)
    return nullptr;
  try {
    enum { LOCAL = 256, PAD = 4 }; /* the detector sends at most 128 bytes */
    char local[LOCAL + PAD];
    std::unique_ptr<char[]> heap;
    char *copy = local;
    if (len > LOCAL) {
      heap.reset(new char[len + PAD]);
      copy = heap.get();
    }
    std::memcpy(copy, utf8, len);
    std::memset(copy + len, 0, PAD);
    CLD2::Language lang3[3];
    int percent3[3], text_bytes = 0, valid = 0;
    double score3[3];
    bool reliable = false;
    /* plain text (no HTML tag skipping), no hints, flags 0: CLD2 answers
     * UNKNOWN_LANGUAGE for text too short to say */
    CLD2::Language l = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        copy, static_cast<int>(len), true, nullptr, 0, lang3, percent3, score3,
        nullptr, &text_bytes, &reliable, &valid);
    if (valid > 0 && valid < static_cast<int>(len))
      return vb__cld2_detect(utf8, static_cast<size_t>(valid));
    if (valid < static_cast<int>(len) || !reliable ||
        l == CLD2::UNKNOWN_LANGUAGE)
      return nullptr;
    return CLD2::LanguageCode(l);
  } catch (...) {
    return nullptr;
  }
}
