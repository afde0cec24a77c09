/*
 * gen_corpus.c -- deterministic synthetic NPS survey corpus generator.
 *
 *   verbatim-gen-corpus [--rows N] [--seed S] [--non-ascii FRACTION]
 *                       [--empty FRACTION] [-o FILE]
 *
 * The bundled sample corpus was produced with exactly:
 *
 *   verbatim-gen-corpus --rows 5000 --seed 42 -o corpora/sample.csv
 *
 * Output: CSV (RFC 4180, LF line endings) with the header
 * `id,date,region,plan,score,comment`.  A field is quoted only when it
 * contains a comma, a double quote, CR or LF; inner quotes are doubled.
 *
 * Determinism: the same arguments give byte-identical output on any machine.
 * The generator uses its own PRNG (xoshiro256** seeded by splitmix64), no
 * floating point at all (fractions are parsed into integer parts per
 * billion), no locale, no clock.  Rows are generated one after another from
 * one stream and nothing depends on --rows, so the first N rows of a larger
 * corpus equal the corpus of N rows with the same seed and fractions.
 *
 * Comments are built from a small template grammar: `{a|b|c}` picks one
 * alternative uniformly, `<name>` expands a named rule (a list of
 * alternatives).  Everything else is literal text.  English rules are
 * ASCII-only (checked at start-up); non-ASCII enters only through the
 * non-ASCII path (foreign-language comments, emoji, smart punctuation,
 * accented words, currency signs, full-width letters), so --non-ascii
 * controls that share precisely.
 *
 * Row model (expected shares):
 *   - score: 1% unscored (empty field); otherwise 25% detractors (0-6),
 *     30% passives (7-8), 45% promoters (9-10).  The comment's tone follows
 *     the score (an unscored row keeps the mood of the score it drew).
 *   - comment: --empty of all rows are empty; 0.6% of the others are
 *     whitespace only; --non-ascii of the remaining (non-blank) comments
 *     contain non-ASCII; 1% of non-blank comments span several lines (12%
 *     of those with CRLF line breaks inside the field); 7% of English
 *     comments get typos; detractors sometimes rant in ALL CAPS.
 *   - date uniform over 2024-01-01 .. 2025-12-31; region and plan weighted
 *     (region follows the language of a non-English comment).
 *
 * C11, libc only.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* PRNG: xoshiro256** seeded with splitmix64                                */
/* ------------------------------------------------------------------------ */

typedef struct {
  uint64_t s[4];
} rng_t;

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static uint64_t rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static void rng_seed(rng_t *r, uint64_t seed) {
  uint64_t x = seed;
  int i;
  for (i = 0; i < 4; i++)
    r->s[i] = splitmix64(&x);
}

static uint64_t rng_next(rng_t *r) {
  uint64_t *s = r->s;
  uint64_t result = rotl64(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64(s[3], 45);
  return result;
}

/* Uniform-enough integer in [0, n), n < 2^32 (multiply-shift). */
static uint32_t rng_below(rng_t *r, uint32_t n) {
  return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pct/100. */
static int pct(rng_t *r, uint32_t p) { return rng_below(r, 100) < p; }

/* True with probability ppb/1e9. */
static int ppb_hit(rng_t *r, uint32_t ppb) {
  return rng_below(r, 1000000000u) < ppb;
}

static uint32_t pick_w(rng_t *r, const uint16_t *w, uint32_t n) {
  uint32_t total = 0, i, x;
  for (i = 0; i < n; i++)
    total += w[i];
  x = rng_below(r, total);
  for (i = 0; i < n; i++) {
    if (x < w[i])
      return i;
    x -= w[i];
  }
  return n - 1;
}

/* ------------------------------------------------------------------------ */
/* Text buffers                                                             */
/* ------------------------------------------------------------------------ */

#define SB_CAP 16384

typedef struct {
  char p[SB_CAP];
  size_t n;
  int full; /* a write did not fit: the caller drops the partial piece */
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->n + n > SB_CAP) {
    b->full = 1;
    return;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_putc(sbuf *b, char c) { sb_put(b, &c, 1); }

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(char c) { return is_upper(c) || is_lower(c); }
static char to_lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }
static char to_upper(char c) { return is_lower(c) ? (char)(c - 'a' + 'A') : c; }

static int has_non_ascii(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 1;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Content: English (ASCII only)                                            */
/* ------------------------------------------------------------------------ */

/* Vocabulary. */
static const char *const ndays[] = {"3",  "4",  "5",  "6",  "7",  "8",
                                    "9",  "10", "11", "12", "14", "15",
                                    "16", "18", "21", "23", "30", NULL};
static const char *const nmin[] = {"20", "25", "30", "40", "45", "50",
                                   "55", "60", "75", "90", NULL};
static const char *const money[] = {"$9",   "$12",  "$15", "$19", "$25",
                                    "$29",  "$39",  "$49", "$79", "$99",
                                    "$149", "$299", NULL};
static const char *const pctup[] = {"10%", "15%", "20%", "25%",
                                    "30%", "40%", "50%", NULL};
static const char *const pkg[] = {"package",  "parcel",   "order", "box",
                                  "shipment", "delivery", NULL};
static const char *const Courier[] = {"The courier",
                                      "The driver",
                                      "The delivery driver",
                                      "UPS",
                                      "FedEx",
                                      "DHL",
                                      "USPS",
                                      "The carrier",
                                      "The delivery company",
                                      "The delivery guy",
                                      NULL};
static const char *const courier[] = {"the courier",
                                      "the driver",
                                      "the delivery driver",
                                      "UPS",
                                      "FedEx",
                                      "DHL",
                                      "USPS",
                                      "the carrier",
                                      "the delivery company",
                                      "the delivery guy",
                                      NULL};
static const char *const App[] = {
    "The app",         "The website",    "The site",        "The dashboard",
    "The portal",      "The mobile app", "The web app",     "The platform",
    "The desktop app", "The iOS app",    "The Android app", NULL};
static const char *const app[] = {"the app",         "the website",
                                  "the site",        "the dashboard",
                                  "the portal",      "the mobile app",
                                  "the web app",     "the platform",
                                  "the desktop app", NULL};
static const char *const thing[] = {
    "device", "unit",    "product",  "charger",    "headset", "case", "scale",
    "camera", "speaker", "keyboard", "thermostat", "sensor",  NULL};
static const char *const feat[] = {"dark mode",
                                   "offline mode",
                                   "bulk editing",
                                   "CSV export",
                                   "API access",
                                   "single sign-on",
                                   "two-factor authentication",
                                   "calendar sync",
                                   "custom reports",
                                   "multi-currency support",
                                   "recurring orders",
                                   "shared folders",
                                   "scheduled exports",
                                   "team accounts",
                                   "keyboard shortcuts",
                                   "Excel export",
                                   "better notifications",
                                   "proper search",
                                   "family plans",
                                   "audit logs",
                                   "Linux support",
                                   NULL};
static const char *const integ[] = {"Slack",
                                    "Salesforce",
                                    "Google Calendar",
                                    "Outlook",
                                    "Shopify",
                                    "QuickBooks",
                                    "Zapier",
                                    "HubSpot",
                                    "Jira",
                                    "Google Sheets",
                                    "Xero",
                                    "Microsoft Teams",
                                    NULL};
static const char *const name[] = {"Sarah", "Mike", "Priya", "Tom",  "Ana",
                                   "Kevin", "Jess", "Omar",  "Lisa", "Dan",
                                   "Chloe", "Raj",  "Maria", "Ben",  NULL};
static const char *const when[] = {
    "last week",        "two weeks ago",   "a month ago",
    "in March",         "three weeks ago", "back in October",
    "before Christmas", "in January",      NULL};
static const char *const ntimes[] = {"two", "three", "four", "five", "2",
                                     "3",   "4",     "5",    NULL};
static const char *const wait[] = {"<nmin> minutes",
                                   "over an hour",
                                   "almost two hours",
                                   "an hour and a half",
                                   "{forty-five|forty} minutes",
                                   "what felt like forever",
                                   NULL};

/* Shipping / delivery. */
static const char *const ship_neg[] = {
    "{My|The|Our|Last} <pkg> {arrived|showed up|came|got here} {<ndays> days|a "
    "week|two weeks|almost a month|days} late",
    "{Delivery|Shipping} took {<ndays> days|forever|over two weeks|way longer "
    "than promised|ages}",
    "{Late deliveries|Late delivery|Delayed shipping|Shipping delays|Another "
    "late delivery}{ again| every single time|, as usual| for the third time "
    "this year| on almost every order}",
    "The <pkg> was {damaged|crushed|soaking wet|ripped open|dented|smashed} "
    "when it {arrived|got here|was delivered}",
    "{Tracking|The tracking page|Tracking info|The tracking number|Order "
    "tracking} {never updated|didn't work|said delivered but nothing "
    "came|was stuck on \"in transit\" for a week|showed the wrong "
    "address|is useless}",
    "<Courier> {left|dumped|threw} {it|my package|the box|the parcel} {in the "
    "rain|at the wrong door|over the fence|with a neighbor I've never met|in "
    "the middle of the driveway}",
    "Still waiting for my {order|package|delivery|parcel}{ after <ndays> "
    "days|, no updates at all|. No one can tell me where it is}",
    "Paid for {express|next-day|priority|2-day} shipping and it took <ndays> "
    "days",
    "The so-called \"express\" shipping took <ndays> days",
    "{Shipping|Delivery} {is|was} {way too slow|painfully slow|a joke|a "
    "disaster|unreliable|a mess}",
    "Missed {the|my} delivery {twice|three times} because <courier> never "
    "{knocked|rang the bell|showed up}",
    "Half of my order {was missing|never arrived|came in a separate box a week "
    "later}",
    "{Why|How} does shipping take {<ndays> days|two weeks|this long} in "
    "{2024|2025|this day and age}?",
    "{Courier|The courier|<Courier>} marked it as delivered but it {never "
    "arrived|was nowhere to be found|went to a different address}",
    "Your delivery partner {is terrible|needs to be replaced|lost my "
    "package|keeps losing parcels}",
    "Packaging was {flimsy|awful|way too big for the item} and the <thing> "
    "got {scratched|damaged|broken} in transit",
    "{Estimated delivery|The delivery date|The ETA} kept {changing|getting "
    "pushed back|moving}",
    "{Delivery|Shipping} {could be faster|is slower than Amazon|takes a bit "
    "too long}",
    "{Got|Received} {the wrong item|the wrong size|someone else's order} and "
    "the box was {dented|torn|open}",
    "Ordered on {Monday|a Monday|Friday} and it {arrived|came} {<ndays> days "
    "later|the following month|after the event I needed it for}",
    "{The|My} shipping {notification|confirmation} came {days|a week} before "
    "the {package|parcel} even left the warehouse",
    NULL};
static const char *const ship_pos[] = {
    "{Fast|Quick|Super fast|Lightning fast|Speedy|Very fast} "
    "{shipping|delivery}",
    "{Arrived|Got it|Package arrived|Delivered|My order arrived} {a day "
    "early|in two days|the next day|the day after I ordered|ahead of "
    "schedule|right on time}",
    "{Tracking|The tracking} {was|is} {accurate|spot on|easy to follow|really "
    "good}{| and the courier was friendly}",
    "{Well packaged|Packed well|Nicely packed} and arrived {in perfect "
    "condition|safe and sound|without a scratch}",
    "No {problems|issues|complaints} with {delivery|shipping|the "
    "courier|deliveries}{, ever| at all| so far|}",
    "{Never|Not once} had a {late delivery|delivery issue|damaged "
    "package|problem with shipping}",
    "{Delivery|Shipping} was {on time|quick|smooth}{| as always|, no "
    "complaints| like every time}",
    "<Courier> {was friendly|called ahead|left it exactly where I asked|was "
    "super polite}",
    "Free shipping {is a nice touch|is great|helps a lot|sealed the deal}",
    "Orders always {ship|arrive} {quickly|on time|fast}",
    "{Delivery|Shipping} {was|has been} {faster than expected|quicker than "
    "Amazon|impressively fast}",
    "Love {being able to|that I can} track {my|every} {order|package} in "
    "real time",
    NULL};

/* Pricing. */
static const char *const price_neg[] = {
    "{Too|Way too|Far too|A bit too|Much too} expensive{| for what it is| for "
    "what you get| for a small business| for a student}",
    "{The price|The subscription|My plan|The monthly fee} went up "
    "{again|by <pctup>|twice this year|without any notice|<pctup> overnight}",
    "{Overpriced|Way overpriced|Pricey|Quite pricey}{| compared to "
    "competitors| for the features| for what it does}",
    "{Can't|Cannot} justify {the price|paying <money> a month|the cost} "
    "{anymore|for what we use|any longer}",
    "The {price increase|latest price hike|new pricing} {is ridiculous|was "
    "the last straw|made me look at alternatives|wasn't communicated at all}",
    "{Competitors|Other apps|Other companies} offer {more|the same} for "
    "{half the price|less}",
    "{Hidden fees|Extra fees|All the add-on fees} {everywhere|at "
    "checkout|that weren't mentioned upfront}",
    "<money> a month {for this?|is too much|is a lot for what it does}",
    "{Pro|The pro|Business|The business} plan is {too expensive|way "
    "overpriced|not worth the money}{| for freelancers| for a team of three}",
    "{Not worth the money|Not worth the price|Poor value for money|Not good "
    "value}",
    "Shipping costs {are|were} {insane|more than the item itself|way too high}",
    "{Prices keep|Pricing keeps|The price keeps} going up{ every year| while "
    "the service gets worse|}",
    "{Charging|Paying} extra for {<feat>|basic features|every little thing} "
    "is {greedy|ridiculous|a bit much}",
    "Price is {a bit high|on the high side|steep}",
    NULL};
static const char *const price_pos[] = {
    "{Good|Great|Excellent|Fair|Decent} value for {money|the price}",
    "{Reasonably|Fairly} priced",
    "{Not expensive at all|Not overpriced at all|Not too pricey|Not expensive "
    "compared to others}",
    "{Affordable|Cheap|Inexpensive} {compared to|next to} {competitors|the "
    "alternatives|what we paid before}",
    "Worth every {penny|cent|dollar}",
    "The {free plan|free tier} is {generous|more than enough for me|great}",
    "Pricing is {clear|transparent|simple|fair}{| and there are no hidden "
    "fees}",
    "No complaints about the {price|pricing|cost}",
    "For <money> a month it's {a steal|a bargain|totally worth it}",
    "{Cheaper|Much cheaper} than {what we used before|the competition|I "
    "expected}",
    "{The|A} {student|nonprofit|annual} discount {is great|helps a lot|makes "
    "it a no-brainer}",
    NULL};

/* Billing. */
static const char *const bill_neg[] = {
    "{I was|Got|We were|I got} charged twice {for the same order|this "
    "month|for one subscription}",
    "{Double charged|Double-billed|Billed twice} {and still waiting for a "
    "refund|again|on my credit card}",
    "{My|The|Our} {subscription|plan|membership} {renewed|auto-renewed} "
    "{without any warning|even though I cancelled|at the full price}",
    "{Refund|My refund} {took <ndays> days|still hasn't arrived|never "
    "came|took weeks to process}",
    "The invoice {was wrong|had the wrong company name|shows the wrong "
    "VAT|is impossible to find}",
    "{Can't|Couldn't} {download|find|get} {an invoice|my invoices|a proper "
    "invoice} {for our accounting|anywhere}",
    "Billing {is a mess|is confusing|errors every month|is a nightmare}",
    "{Cancelling|Canceling} the subscription is {a nightmare|way too "
    "hard|hidden behind five menus}",
    "Charged {for a plan I never signed up for|for the annual plan instead of "
    "monthly|after my trial ended without warning}",
    "Payment {failed|got declined} {three times|for no reason} and {my "
    "account was locked|I lost access}",
    "Still waiting on a refund I requested <when>",
    "{Got|Was} billed for {<ntimes> extra seats|users we removed|a "
    "cancelled account}",
    "The renewal {email|reminder} {never came|came after I was "
    "charged|went to spam}",
    NULL};
static const char *const bill_pos[] = {
    "Billing is {simple|straightforward|painless|easy}",
    "{Got|Received} my refund {within|in} {two days|a day|a few days}{| "
    "without any questions}",
    "Invoices are {clear|easy to download|always correct}",
    "{Never had a|Haven't had a single|Not a single} billing "
    "{issue|problem|mistake}",
    "{Easy|Simple} to {change plans|cancel or pause the "
    "subscription|update my payment method}",
    "They {fixed|refunded} a {double charge|billing mistake} {right "
    "away|immediately|the same day}",
    "{Renewal|Subscription renewal} reminders {are clear|come on time|come a "
    "week ahead}",
    NULL};

/* Returns. */
static const char *const ret_neg[] = {
    "{Returning|Trying to return|Sending back} {an item|the product|a faulty "
    "unit|the wrong size} {is|was} {a nightmare|way too "
    "complicated|impossible}",
    "{Never|Still haven't} {got|received} a return label",
    "{The return label|Return label} {didn't work|was never emailed|had the "
    "wrong address}",
    "{Had to|I had to} pay {for return shipping|to send it back}{| even though "
    "it arrived broken}",
    "{They|Support} refused {the|my} {exchange|return} {because|since} it was "
    "{day 31|one day past the window|opened}",
    "{Exchange|The exchange} {took|has taken} {three weeks|a month|forever}{| "
    "and I'm still waiting}",
    "Sent {it|the item} back {a month ago|<ndays> days ago|<when>} and {no "
    "refund yet|nobody has confirmed it arrived}",
    "Return {window|policy} is {too short|very strict|unclear}",
    "{Returns|The returns process} {should|could} be {easier|simpler|a lot "
    "less painful}",
    "{Was told|They told me} to {print a label|drive to a drop-off point "
    "40 miles away|call to arrange a pickup} just to send it back",
    NULL};
static const char *const ret_pos[] = {
    "{Returns are|Returning stuff is} {easy|painless|hassle-free}",
    "{Exchanged|Swapped} {the wrong size|a faulty unit} {with no questions "
    "asked|in a few days|without any hassle}",
    "{Return label|The prepaid return label} {came|arrived} {right away|in my "
    "inbox within minutes}",
    "{Free|Easy} returns are {the reason I keep ordering|a big plus}",
    "{Never had a problem|No problem at all} sending something back",
    "{Sent|Sent it} back and got {a replacement|the refund} {within a "
    "week|in <ndays> days|super fast}",
    NULL};

/* Usability. */
static const char *const ux_neg[] = {
    "{The UI|The interface|<App>|The new design|The layout} is "
    "{confusing|cluttered|a mess|not intuitive|hard to figure out}",
    "{Navigation|Navigating <app>|Finding anything} is {a pain|confusing|way "
    "too hard}",
    "{Menus are|The menus are|Settings are|The settings page is} "
    "{buried|hidden} {three levels deep|under too many clicks|in random "
    "places}",
    "{Too many|So many} {clicks|steps|screens} to {do anything|create an "
    "order|export a report|change a simple setting}",
    "{Took|It took} me {ages|20 minutes|forever} to find {the settings|how to "
    "cancel|the export button}",
    "The {latest|last|new} {update|redesign} {moved everything around|made it "
    "harder to use|broke my workflow}",
    "{Not user friendly|Not intuitive at all|Clunky and outdated|Hard to "
    "use}",
    "{Buttons|Icons|The buttons} are {way |}too small {on mobile|on my "
    "phone}",
    "The search {never finds|doesn't find} {anything|what I'm looking for}",
    "{Why is|Why on earth is} the {logout|save|cancel} button so hard to "
    "find?",
    "{Confusing|Cluttered|Messy} {UI|interface|navigation|menus}",
    "{Every|Each} update {changes|moves} {where things are|the "
    "menus|the buttons}",
    "{The|That} \"simplified\" {dashboard|menu} is {anything but|harder to "
    "use than before}",
    "Can't {undo|go back|find my old reports} without {starting over|losing "
    "everything}",
    NULL};
static const char *const ux_pos[] = {
    "{Easy|Very easy|Super easy|Simple|Really easy} to use",
    "{Clean|Intuitive|Simple|Nice|Beautiful} {interface|UI|design|layout}",
    "{Navigation|Finding things} is {straightforward|easy|intuitive}",
    "{Everything|Everything I need} is {one click away|where you'd expect "
    "it|easy to find}",
    "Even my {mom|dad|grandma|non-techy colleagues} can use it",
    "{User friendly|User-friendly|Easy to navigate} and {well "
    "designed|straightforward}",
    "The new {design|layout|menu} is {much better|a big improvement|cleaner}",
    "Never {got lost in the menus|needed the manual}",
    "{Easy to use|Simple to use} and {does what I need|it just works}",
    "{Love|Really like} how {simple|clean|easy} <app> is",
    "{Intuitive|Simple} enough that I {didn't need|never needed} any training",
    NULL};

/* Bugs. */
static const char *const bug_neg[] = {
    "<App> {keeps crashing|crashes constantly|crashed <ntimes> times "
    "today|crashes every time I open it}",
    "{Getting|I keep getting|Got} {an error message|a \"Something went "
    "wrong\" error|error 500|a blank screen|a weird error} {every time "
    "I|whenever I|when I try to} {log in|save|upload a file|check "
    "out|export}",
    "{Lots of|So many|Constant|Random} {bugs|glitches}{| since the last "
    "update| on Android| on iOS}",
    "The {export|sync|search|login|checkout|calendar|notification} "
    "{feature|function} is {broken|not working|buggy}{| since the update| "
    "again}",
    "{Lost|Deleted} {my data|all my notes|a whole day of work} {because of a "
    "bug|after a crash|when it froze}",
    "{Sync|Syncing} {fails|breaks} {randomly|all the time|between devices}",
    "{Buggy|Glitchy|Unstable}{| and unreliable|, especially on Android|, "
    "especially after updates}",
    "Password reset {link|email} {doesn't work|never arrives|expired "
    "immediately}",
    "{It|<App>} {logs me out|freezes} {constantly|every few minutes|randomly}",
    "{Reported a bug|I reported a bug|Bug reported} {months|weeks} ago{ and "
    "it's| but it's|,} still not fixed",
    "{Error|An error} {pops up|appears} {every time|whenever} I {open|save} "
    "{a report|a file|the settings}",
    "{Notifications|Reminders} {don't work|come hours late|show up twice}",
    "The \"{Save|Export|Submit}\" button {does nothing|just spins|throws an "
    "error}",
    "{Crashes|Crashed} {on startup|when uploading photos|at checkout}",
    NULL};
static const char *const bug_pos[] = {
    "{Never had a single crash|Hasn't crashed once|No crashes, no "
    "bugs|Rock solid, no bugs}",
    "{Stable|Reliable|Solid} and {bug free|bug-free|dependable}",
    "{Bugs|Issues} get fixed {quickly|fast|within days}",
    "{Very|Really|Pretty} {stable|reliable}{| since the last update}",
    "No {glitches|errors|bugs} so far",
    "The last update fixed {the crash|the sync issue|all the glitches} I had",
    "{Never|Not once} {lost any data|had it crash on me}",
    NULL};

/* Performance. */
static const char *const perf_neg[] = {
    "{Slow|Very slow|Painfully slow|So slow|Really slow}{| to load| on my "
    "phone| on older laptops|, especially in the mornings}",
    "{Loading times|Load times|Page loads} are {terrible|awful|way too "
    "long|ridiculous}",
    "{Takes|It takes} {10|20|30|45} seconds {to load|to open a report|to save "
    "anything}",
    "{Lots of|Constant|So much} lag{| when scrolling| when typing| with big "
    "files}",
    "{The dashboard|Search|The reports page|Sync} is {sluggish|super slow|slow "
    "as molasses}",
    "{Drains|Eats} my battery{| like crazy| in a few hours}",
    "{Gets|Got} {slower|more sluggish} {with every update|every month|over "
    "time}",
    "{Spinning wheel|Loading spinner} {forever|all the time}",
    "Times out {constantly|when I upload anything|on larger exports}",
    "{Laggy|Sluggish|Slow}{| and unresponsive| and frustrating}",
    "<App> {lags|is laggy|freezes up} {a lot|all the time|when I have more "
    "than a few tabs open}",
    NULL};
static const char *const perf_pos[] = {
    "{Fast|Quick|Snappy|Super fast|Blazing fast}{| and responsive| and "
    "reliable| even on my old phone}",
    "{Loads|Opens} {instantly|in a second|quickly}",
    "{Performance|Speed} {is|has been} {great|excellent|much better since the "
    "update}",
    "No lag{| at all|, even with big files}",
    "{Way|Much} faster than {the old version|competitors|what we used before}",
    "Never {slow|laggy}{, even with thousands of records|}",
    NULL};

/* Support. */
static const char *const sup_neg[] = {
    "{Customer service|Support|Customer support|Your support team} "
    "{is|was} {useless|terrible|unhelpful|a joke|nonexistent}",
    "{Was|I was|Been} on hold for <wait>",
    "{Waited|Had to wait} {<nmin> minutes|an hour|ages|forever} {for|to talk "
    "to} {an agent|someone|a human}",
    "{My|The} ticket {has been {open|unresolved|ignored} for|is still "
    "{open|unresolved} after} {two weeks|<ndays> days|a month}",
    "{Support just sends|The agents just send|Agents only send|They just copy "
    "paste} {canned responses|the same FAQ link|scripted answers}",
    "{The chat|Live chat|The chatbot} {is useless|never connects me to a "
    "human|keeps going in circles}",
    "{Nobody|No one} {answers|replies to|reads} {emails|my emails|the "
    "tickets}",
    "{Got|Was} transferred {three|four|five} times and {nobody could "
    "help|they hung up on me|still no answer}",
    "{Support|They} closed my ticket without {fixing anything|solving the "
    "issue|even replying}",
    "{Impossible|Really hard} to {reach|contact|get hold of} {anyone|a real "
    "person|support}",
    "{The agent|The rep|The person on the phone} was {rude|dismissive|"
    "clueless}",
    "{Support|Customer service} told me \"{we're working on it|it's a known "
    "issue|please clear your cache}\" {three times|for a month|and nothing "
    "happened}",
    "{Wait|Hold} times {are|were} {ridiculous|insane|over an hour}",
    "{Ticket|My ticket} still {unresolved|open} after {<ndays> days|two "
    "weeks|a month}",
    NULL};
static const char *const sup_pos[] = {
    "{Customer service|Support|The support team|Customer care} {is|was} "
    "{amazing|great|excellent|super helpful|very responsive}",
    "{The agent|The rep|<name> from support|The guy on the chat|The lady on "
    "the phone|<name> on the support team} {sorted it out|fixed my "
    "issue|solved it} {in minutes|right away|on the first call}",
    "{Quick|Fast|Friendly} {response|responses|reply} from support",
    "{Never had to|Haven't needed to|Never needed to} contact support{| "
    "because everything just works|, which says a lot}",
    "{No|Hardly any} wait time{| on the phone| on chat}",
    "{Chat support|Live chat} is {quick|fast|excellent|really helpful}",
    "{Ticket|My ticket} {was resolved|got resolved|was closed with a real "
    "fix} {the same day|within an hour|in 24 hours}",
    "Support actually {listens|cares|follows up}",
    "{Agents|The agents|Support staff} {are|were} {friendly|patient|"
    "knowledgeable} and {quick|helpful}",
    NULL};

/* Quality. */
static const char *const qual_neg[] = {
    "{Broke|Stopped working|Fell apart|Died} after {a week|two weeks|a "
    "month|three days|<ndays> days}",
    "{Cheap|Flimsy|Poor|Low quality} {material|materials|plastic|build "
    "quality|construction}",
    "{The build quality|Quality|Build quality} {is {poor|terrible|not what it "
    "used to be}|has gone downhill}",
    "{The strap|The hinge|The zipper|The cable|The button|The lid} "
    "{broke|snapped|came off} {after|within} {a week|two weeks|a few days|a "
    "month}",
    "{Feels|It feels|Looks and feels} {cheap|flimsy|like a toy}",
    "{The color|The paint|The coating} {faded|peeled|came off} {after|within} "
    "{a few washes|a month|weeks}",
    "{Second|Third} {replacement|unit} {with the same defect|that broke|in a "
    "row that failed}",
    "Not {durable|built to last}{| at all}",
    "The <thing> {broke after a week|stopped charging|cracked} {and|but} "
    "{support won't replace it|it's out of warranty apparently}",
    "{Quality control|QC} {is|seems} {nonexistent|poor|hit or miss}",
    NULL};
static const char *const qual_pos[] = {
    "{Great|Excellent|Solid|Amazing|Top} {build quality|quality|"
    "craftsmanship}",
    "{Durable|Sturdy|Built like a tank|Solid}{| and well made| and looks "
    "great}",
    "{Still works perfectly|Still going strong|Still looks new} after {two "
    "years|a year|months of daily use}",
    "{Premium|High quality} {materials|feel}",
    "{Quality|The quality} is {much better than|way above} {I expected|the "
    "price suggests|competitors}",
    "No {defects|scratches|issues} {at all|whatsoever}",
    "The <thing> {feels|looks} {premium|solid|well made}",
    NULL};

/* Features. */
static const char *const feat_neg[] = {
    "{Missing|Lacks|No} <feat>{| which is a deal breaker| which is basic "
    "stuff| in 2025}",
    "{Wish|I wish|Only wish} it {had|supported|came with} <feat>",
    "{Please add|Need|We need|Still waiting for} <feat>",
    "{The integration with|Integration with|Sync with} <integ> {is "
    "broken|is limited|is half-baked|keeps disconnecting}",
    "{Can't|No way to} export {to Excel|to CSV|my data|reports}",
    "{Features|Key features|Basic features} {are locked behind|got moved "
    "to|are now locked behind} the {enterprise|business|pro} plan",
    "{They|You} {removed|took away|killed} {the feature I used most|offline "
    "mode|the old reports}",
    "{Reporting is|Reports are} {very basic|too limited|useless for our "
    "team}",
    "{Would love|It would be great|It'd be nice} to {have|get} <feat>",
    "{No|There's no} integration with <integ>{| yet|, which we need}",
    "{The|Your} roadmap {ignores|keeps pushing back} <feat>",
    NULL};
static const char *const feat_pos[] = {
    "{Great|Lots of|Useful|All the} features{| we need| for the price}",
    "The <integ> integration {works great|is a lifesaver|saves us hours}",
    "{Love|Really like} the {new |}<feat>",
    "{Export|Exporting} to {Excel|CSV|PDF} is {easy|one click|super handy}",
    "{Does|It does} {everything|exactly what} I need{| and more}",
    "{New features|Updates} {come out|ship} {regularly|every month|often}",
    "{Finally|Glad they} added <feat>",
    "{Integrates|Works} {nicely|seamlessly|well} with <integ>",
    NULL};

/* Onboarding. */
static const char *const onb_neg[] = {
    "{Setup|Setting it up|The setup|Installation} {was|is} {a nightmare|"
    "confusing|way too long|a pain}",
    "{Setup|Installation} took {two hours|forever|all afternoon}",
    "{Getting started|Onboarding|The onboarding} {is|was} {confusing|"
    "overwhelming|non-existent|a mess}",
    "{The documentation is|The docs are|The manual is|The instructions are} "
    "{outdated|useless|unclear|hard to follow|missing steps}",
    "{Never got|Didn't get|Still haven't received} the {activation "
    "email|account activation email|verification code}",
    "{Account activation|Activating my account|Verifying my account} took "
    "{<ndays> days|a week|three tries}",
    "{The tutorial|The walkthrough|The setup wizard} {skips|doesn't "
    "explain|glosses over} {the important parts|half the steps|how to connect "
    "<integ>}",
    "{Pairing|Connecting} the <thing> to {the app|my phone|wifi} {failed ten "
    "times|took an hour|took ages}",
    "{Nobody|No one} explained how to {get started|import our data|invite "
    "my team}",
    NULL};
static const char *const onb_pos[] = {
    "{Setup|Setting it up|Installation|Getting started} {was {a breeze|super "
    "easy|quick and painless|straightforward}|took {five minutes|no time at "
    "all}}",
    "{Onboarding|The onboarding|The getting started guide|The tutorial} "
    "{was|is} {great|really helpful|clear|excellent}",
    "{The docs are|The documentation is|The help center is} {clear|thorough|"
    "well written|actually useful}",
    "{Up and running|Set up and running} in {minutes|ten minutes|under an "
    "hour|no time}",
    "No {trouble|issues|problems} {with setup|getting started|activating my "
    "account}",
    "{The|A} {setup|onboarding} {call|video|webinar} {helped a lot|was "
    "super useful}",
    "{Account activation|Activation} was {instant|quick|painless}",
    NULL};

/* No particular theme. */
static const char *const gen_neg[] = {
    "{Disappointed|Very disappointed|Really disappointed}{| overall| with the "
    "whole experience}",
    "{{Terrible|Awful|Horrible} {experience|service}|Worst "
    "{experience|service|company} ever}",
    "{Would not|Wouldn't|Definitely wouldn't|Can't} recommend{| it to anyone}",
    "{Thinking about|Seriously considering|Already started} {cancelling|"
    "switching|looking at alternatives}",
    "{Used to be|It used to be} {great|good|so much better}{| but not "
    "anymore| a few years ago}",
    "{Nothing|Not much} works {as expected|the way it should}",
    "{Going|I'm going} back to {my old provider|the competition|pen and "
    "paper}",
    "{Very|Really|Super} frustrating",
    "{Expected|I expected} {more|better} for {a company this size|the "
    "money}",
    NULL};
static const char *const gen_pos[] = {
    "{Love|Loving|Really love} {it|this app|the product|your service}",
    "{Great|Excellent|Awesome|Fantastic} {product|service|company|app|"
    "experience}",
    "{Does|Does exactly} what it says{| on the tin}",
    "{Everything|It all} {just works|works as expected}",
    "{Highly|Would|Definitely} recommend{| to anyone| to friends}",
    "{Been|I've been} using it for {years|two years|ages} and {love it|never "
    "looked back}",
    "Best {app I've used|service I've used|purchase I've made|tool we've "
    "bought} {in years|this year}",
    "Makes my {job|life|work} {easier|so much easier}",
    "{Reliable|Consistent} and {pleasant|hassle-free}",
    NULL};
static const char *const gen_mid[] = {
    "{It's|It is} {ok|fine|alright|decent}",
    "{Does the job|Gets the job done}",
    "{Nothing special|Nothing to write home about}",
    "{Good|Solid} but not {great|amazing|perfect}",
    "{Room for improvement|Some room for improvement|Could be better}",
    "{Mostly|Generally} {happy|satisfied}",
    "{A few|Some} {rough edges|minor issues|annoyances}",
    "{Average|Pretty average|About what I expected}",
    NULL};

/* Elaborations: longer story-like follow-ups to a theme sentence. */
static const char *const ship_xneg[] = {
    "I ordered on {a Monday|the 2nd|a Friday} and {it|the <pkg>} only "
    "{showed up|arrived} {<ndays> days later|the following week|after I'd "
    "already bought a replacement locally}",
    "The tracking said \"out for delivery\" {three days in a row|all weekend} "
    "and then {switched back to \"in transit\"|just stopped updating}",
    "{When it finally came|When it arrived}, the box was {open|crushed on one "
    "corner|taped back together} and {one item was missing|the <thing> inside "
    "was scratched|the manual was soaked}",
    "I {stayed home|took a day off work|waited in all day} for the delivery "
    "and {nobody came|the driver never showed|still got a \"sorry we missed "
    "you\" card}",
    "{This is|It's} the {second|third|fourth} time {this year|in a row} that "
    "{an order|a delivery} {has been late|arrived damaged|went missing}",
    "I needed it for {a birthday|a trip|a client demo|my daughter's "
    "birthday} and it {arrived two days after|didn't make it in time}",
    "{Nobody|No one} at {the depot|customer service|the carrier} could tell "
    "me where the <pkg> was, {everyone|they all} just blamed {each "
    "other|the other company}",
    NULL};
static const char *const ship_xpos[] = {
    "I ordered {late on a Sunday|on Monday evening|just before midnight} and "
    "it was {at my door|in my mailbox} {by Tuesday morning|the next "
    "afternoon|two days later}",
    "{The courier|The driver} {even|actually} {texted me|called me} {before "
    "arriving|to ask where to leave it}, which {was a nice touch|I really "
    "appreciated}",
    "Everything {was|came} {well packed|packed carefully} and nothing was "
    "{damaged|missing}, even the {fragile|glass} parts",
    "I've placed {a dozen|maybe twenty|several} orders {so far|over the "
    "years} and {every single one|all of them} arrived on time",
    NULL};
static const char *const price_xneg[] = {
    "We {started|signed up} at <money> a month and now pay {almost "
    "double|<pctup> more|twice that} for {the same features|fewer "
    "features|basically the same thing}",
    "The {pro|business} plan {doubled|went up <pctup>} {at renewal|this year} "
    "and {nobody|no one} {told us|sent a notice} {in advance|beforehand}",
    "For a {small team|team of five|one-person business|nonprofit} like ours, "
    "{paying|spending} <money> a month {just isn't sustainable|is hard to "
    "justify|eats into our margins}",
    "{A competitor|Another tool we tried} {does the same|offers more} for "
    "{half|a third of} the price, {so|and} we're {reconsidering|evaluating "
    "alternatives|looking around}",
    NULL};
static const char *const price_xpos[] = {
    "{We compared|I compared} {a few|several|three or four} "
    "{alternatives|competitors} and this was {the best value|cheaper and "
    "better|the only one in our budget}",
    "The {annual plan|yearly subscription} {saves|saved} us {quite a "
    "bit|about two months' worth|a lot}, and the monthly price is "
    "{fair|reasonable} {anyway|too}",
    NULL};
static const char *const bill_xneg[] = {
    "I {cancelled|canceled} {in March|before the trial ended|two months ago} "
    "and {still got charged|was billed again|they charged me anyway}, "
    "{and|but} {support says|they claim} they {have no record of it|can't see "
    "the cancellation}",
    "{Our|The} invoice {had|showed} {the wrong company name|last year's "
    "address|a different VAT number}, and {getting it fixed|correcting it} "
    "took {four emails|three weeks|several tickets}",
    "The same charge showed up twice on my {credit card|bank statement} and "
    "{it took|it's taking} {weeks|forever} to get {the money|it} back",
    NULL};
static const char *const bill_xpos[] = {
    "{When|After} I was {accidentally|mistakenly} charged twice, "
    "{they|support} {refunded|reversed} it {the same day|within hours|without "
    "me even asking twice}",
    "{Invoices|Receipts} {arrive|land in my inbox} {automatically|every "
    "month} and include everything our accountant needs",
    NULL};
static const char *const ret_xneg[] = {
    "I {requested|asked for} a return {<ndays> days ago|two weeks ago|right "
    "after it arrived}, {got|received} {no label|an automated email|nothing} "
    "and {now|apparently} the return window {is closed|has expired}",
    "{They|The store} {wanted|asked} me to {pay|cover} <money> {for|in} return "
    "shipping on an item that {arrived broken|was the wrong size|they sent by "
    "mistake}",
    "The exchange {took|dragged on for} {a month|<ndays> days} and {in the "
    "end|finally} they sent {the same wrong size|another faulty unit|a refund "
    "instead}",
    NULL};
static const char *const ret_xpos[] = {
    "I {printed|got} the {return label|prepaid label} {from my account|by "
    "email}, dropped {it|the box} off {at the post office|at a UPS store} and "
    "{the refund was in my account|got my money back} {two days later|within "
    "a week}",
    "{They|Support} {sent|shipped} the replacement {before|even before} I had "
    "sent back the {faulty one|old one}, which {was great|I really "
    "appreciated}",
    NULL};
static const char *const ux_xneg[] = {
    "It {takes|took} me {five|six|seven} clicks {just |}to {find an old "
    "invoice|change my password|download a report}, and {the menus|the "
    "labels} {don't make sense|are inconsistent}",
    "After the {latest|last} {redesign|update} {nothing is where it used to "
    "be|half the settings moved} and {there's no|I can't find any} way to {go "
    "back|switch to the old layout}",
    "{My|Our} {team|staff|older colleagues} {keep asking|constantly ask} me "
    "where {things are|to click}, {which says|and that says} a lot about the "
    "{navigation|UI}",
    NULL};
static const char *const ux_xpos[] = {
    "{My|Our} {whole team|new hires|parents} {figured it out|picked it up} "
    "{in a day|without any training|on their own}, {which|and that} {says a "
    "lot|never happens with software}",
    "Everything {I use daily|we need} is {right there on|one click from} the "
    "{home screen|dashboard}, {no|without} digging through menus",
    NULL};
static const char *const bug_xneg[] = {
    "{Every time|Whenever} I try to {upload|attach} a {photo|PDF|file} "
    "{bigger than|over} {a few MB|5MB|10MB} {the app|it} {crashes|freezes} "
    "and I {lose|have to redo} {everything|the whole form}",
    "I {got|keep getting} \"{Error 502|Something went wrong|Unexpected error, "
    "please try again}\" {at checkout|when saving|on login} {for two days|all "
    "week|since the update} {and support has no idea why|and nobody can "
    "explain it|but support can't explain it}",
    "{The|Our} {calendar|contacts|inventory} {sync|import} {silently "
    "failed|broke} and we {lost|didn't notice} {a week of entries|half our "
    "data|some orders} {until a customer complained|for days}",
    "{Reinstalled|I reinstalled} the app {twice|three times}, cleared the "
    "cache, {tried another phone|logged out and back in} and it {still "
    "crashes|still won't open|still shows a blank screen}",
    NULL};
static const char *const bug_xpos[] = {
    "{I've|We've} been using it {daily|every day|all day} for {over a "
    "year|two years|months} and {can't remember|I don't recall} a single "
    "crash",
    "{When|The one time} I {found|reported} a bug, {it was fixed|they shipped "
    "a fix} {within a day|in two days|the same week}",
    NULL};
static const char *const perf_xneg[] = {
    "{Opening|Loading} {a report|the dashboard|my order history} takes "
    "{15|20|30|40} seconds, {which|and that} adds up when you do it "
    "{fifty|dozens of|a hundred} times a day",
    "On my {older|three-year-old} {phone|laptop} {the app|it} {is basically "
    "unusable|lags on every tap|takes a minute to start}",
    "{It|The app} {got|has gotten} {noticeably|much|a lot} slower {since the "
    "last update|over the past few months|after the redesign}, and "
    "{scrolling|typing|searching} {lags|stutters} {constantly|all the time}",
    NULL};
static const char *const perf_xpos[] = {
    "Even with {thousands of|10,000|a huge number of} {records|products|"
    "contacts}, {search|the dashboard|everything} {is instant|loads in a "
    "second|stays fast}",
    "{It|The new version} {starts|opens} {in a second|instantly} even on my "
    "{old|cheap|five-year-old} {phone|laptop}",
    NULL};
static const char *const sup_xneg[] = {
    "I {called|phoned} {three|four|five} times, got {three|four|five} "
    "different answers and {the issue|my problem} {is still not "
    "fixed|still isn't solved}",
    "After <wait> on hold {the call dropped|I got disconnected|they hung up} "
    "and I had to {start over|wait all over again|explain everything again}",
    "The {chatbot|bot} {just keeps sending|only sends} me {links to|the same} "
    "{FAQ|help} articles and there's no way to {talk to|reach} a {human|real "
    "person}",
    "My ticket {#48213|#50791|#39904|#61128} has been {open|\"in progress\"} "
    "for <ndays> days{| and nobody has replied| with no update}",
    NULL};
static const char *const sup_xpos[] = {
    "<name> on the chat {stayed with me|walked me through it} until {it was "
    "fixed|everything worked|the problem was solved}{|, and even followed up "
    "the next day}",
    "I called on a {Sunday|holiday|Saturday night}, {got|reached} a {real "
    "person|human} within {two|five} minutes and {they fixed it|the issue was "
    "solved} on the spot",
    "Support {refunded|replaced} {it|the broken unit} {without|with no} "
    "{arguing|questions|hassle} and even {upgraded my shipping|sent a "
    "discount code}",
    NULL};
static const char *const qual_xneg[] = {
    "The {strap|hinge|charging port|zipper|button} {broke|snapped|came loose} "
    "{after|within} {a week|two weeks|a month} of {normal|light|careful} use "
    "and {the replacement|the second one} {did the same|lasted even less}",
    "{For|At} this price I {expected|would expect} {better materials|"
    "something sturdier}, not {cheap plastic|flimsy plastic that creaks}",
    "{The|My} <thing> {stopped charging|stopped turning on|started "
    "overheating} {a week|a few days|a month} after the warranty "
    "{ended|expired}, {which|and that} feels {planned|like a joke}",
    NULL};
static const char *const qual_xpos[] = {
    "{I've|We've} {dropped it|knocked it over} more times than I "
    "can count and it {still works|has barely a scratch|still looks new}",
    "{My first one|The previous model} lasted {five|six|seven} years and "
    "{this one|the new one} feels {even sturdier|just as solid|better built}",
    NULL};
static const char *const feat_xneg[] = {
    "We {really|badly} need <feat>{|,} {because|since} {right now|at the "
    "moment} we {copy everything by hand|export to a spreadsheet every "
    "week|use a second tool just for that}",
    "{The|Your} <integ> integration {breaks|disconnects} {every few "
    "days|every week|after each update} and we have to {reconnect it|set it "
    "up again} {manually|from scratch}",
    "It's {2024|2025} and there's still no <feat>, {which|and that} "
    "{every|every single} competitor {has|has had for years}",
    NULL};
static const char *const feat_xpos[] = {
    "The <integ> integration {saves|has saved} {us|me} {hours|a few hours} "
    "every week {because|since} {orders|tickets|contacts} {sync|show up} "
    "automatically",
    "{They|The team} {added|shipped} <feat> {a month|two weeks|a few weeks} "
    "after I {asked for it|suggested it}, {which|and that} {was "
    "impressive|made my day}",
    NULL};
static const char *const onb_xneg[] = {
    "{The|Our} activation email {took|arrived after} {two days|<ndays> "
    "hours|a week} {and|so} {the|our} team {couldn't log in|was stuck} {in "
    "the meantime|until then}",
    "{The|Your} setup guide {still shows|refers to} {the old interface|menus "
    "that don't exist anymore|screenshots from three versions ago}, so "
    "{I|we} {gave up|had to call support|figured it out by trial and error}",
    "{Connecting|Pairing} the <thing> {failed|timed out} {over and over|ten "
    "times} and {the tutorial|the help article|the manual} just says "
    "\"{try again|restart the app|make sure bluetooth is on}\"",
    NULL};
static const char *const onb_xpos[] = {
    "{I was|We were} {up and running|fully set up} {in|within} {ten "
    "minutes|half an hour|an afternoon}, {including|even} {importing our "
    "data|connecting <integ>|inviting the team}",
    "The {getting started|setup} {checklist|wizard|videos} {walked|took} me "
    "through {everything|each step} {and|so} I never {had to|needed to} "
    "{contact support|read the docs}",
    NULL};
static const char *const gen_xneg[] = {
    "I've been a customer for {three|five|six} years and {honestly|sadly} {it "
    "has never been this bad|the last year has been the worst}",
    "{I|We} {recommended|used to recommend} you to {friends|everyone|other "
    "businesses} but {I can't anymore|not anymore|I've stopped}",
    NULL};
static const char *const gen_xpos[] = {
    "I {switched|moved} from {a competitor|another provider|a spreadsheet} "
    "{last year|two years ago} and {haven't looked back|it was the best "
    "decision|wish I'd done it sooner}",
    "{My whole team|Everyone in the office|My family} {uses|relies on} it "
    "{every day|daily} and {nobody|no one} has {complained|had issues}",
    NULL};

/* Openers and closers. */
static const char *const open_neg[] = {
    "Where do I start",
    "Honestly, pretty disappointed",
    "Not happy",
    "Used to love this company",
    "This was my {first|last} order",
    "I'll keep it short",
    "Frustrating experience",
    "Long story short",
    "Been a customer for {two|three|five} years and this is the worst it's "
    "been",
    NULL};
static const char *const open_pos[] = {
    "Love it",
    "Great experience overall",
    "Long time customer here",
    "Been using it for {two|three|five} years",
    "So far so good",
    "Very happy overall",
    "Honestly, no complaints",
    "In short, love it",
    NULL};
static const char *const open_mid[] = {"Mixed feelings",
                                       "Overall ok",
                                       "Hard to say",
                                       "Some good, some bad",
                                       "Pretty average experience",
                                       "It's fine I guess",
                                       NULL};
static const char *const close_neg[] = {
    "Fix it{| please}",
    "{Will|Going to|About to} cancel{| my subscription| "
    "soon}",
    "Won't be ordering again",
    "Not recommending this to anyone",
    "Do better",
    "Very disappointed",
    "Switching to a competitor{| next "
    "month}",
    "Would give zero if I could",
    "Sort it out",
    NULL};
static const char *const close_pos[] = {
    "Would recommend",
    "Keep up the good work",
    "Thanks",
    "Thank you{| so "
    "much}",
    "10/10",
    "Five stars",
    "Will definitely order again",
    "Already recommended it to {friends|my team|coworkers}",
    NULL};
static const char *const close_mid[] = {
    "That's it",
    "Otherwise fine",
    "Otherwise ok",
    "Fix that and it's a 10",
    "Would be a 10 if {the price was "
    "lower|shipping was faster|the app didn't crash}",
    "Still thinking about renewing",
    "Not a 10 because of {the price|the "
    "delivery times|the bugs|support}",
    NULL};

/* Whole short comments. */
static const char *const short_neg[] = {"bad",
                                        "terrible",
                                        "Terrible.",
                                        "awful",
                                        "meh",
                                        "Disappointed",
                                        "not good",
                                        "Horrible service",
                                        "Do better.",
                                        "Fix it",
                                        "No",
                                        "why",
                                        "cancel my account",
                                        "Expensive",
                                        "slow",
                                        "bugs",
                                        "WORST EVER",
                                        "useless",
                                        "Nope",
                                        "too expensive",
                                        "late again",
                                        "crashes",
                                        "Meh.",
                                        "Not great",
                                        "Bad support",
                                        NULL};
static const char *const short_pos[] = {"love it",
                                        "Love it!",
                                        "great",
                                        "Great!",
                                        "awesome",
                                        "Excellent",
                                        "perfect",
                                        "Very happy",
                                        "So far so good",
                                        "Keep it up!",
                                        "Best app ever",
                                        "10/10",
                                        "A+",
                                        "Thanks!",
                                        "works great",
                                        "No complaints",
                                        "Amazing!!!",
                                        "Great service",
                                        "good",
                                        "Good app",
                                        "easy",
                                        "Fast shipping",
                                        NULL};
static const char *const short_mid[] = {"ok",
                                        "OK",
                                        "Ok",
                                        "fine",
                                        "Fine.",
                                        "good",
                                        "Good",
                                        "n/a",
                                        "N/A",
                                        "na",
                                        "no comment",
                                        "No comment",
                                        "nothing",
                                        "Nothing to add",
                                        "-",
                                        ".",
                                        "none",
                                        "idk",
                                        "all good",
                                        "It's fine",
                                        "same as last time",
                                        "see previous survey",
                                        "too many surveys",
                                        "Stop sending me surveys",
                                        "nothing in particular",
                                        "no",
                                        "?",
                                        "Not sure",
                                        "average",
                                        "It's ok",
                                        NULL};

/* Bullet items for multi-line lists. */
static const char *const bul_pos[] = {"fast shipping",
                                      "easy setup",
                                      "great support",
                                      "fair price",
                                      "easy to use",
                                      "reliable",
                                      "good build quality",
                                      "quick refunds",
                                      "nice design",
                                      "{Slack|Outlook|Shopify} integration",
                                      NULL};
static const char *const bul_neg[] = {"slow app",
                                      "billing errors",
                                      "expensive",
                                      "late deliveries",
                                      "crashes on {Android|iOS|startup}",
                                      "support takes days to reply",
                                      "confusing menus",
                                      "no <feat>",
                                      "returns are a pain",
                                      "broke after {a week|a month}",
                                      "long wait times",
                                      NULL};

/* Whitespace-only comments. */
static const char *const blanks[] = {" ",    "  ",  "   ", "\t",
                                     " \t ", " \n", NULL};

/* ------------------------------------------------------------------------ */
/* Content: non-ASCII decorations for English comments                      */
/* ------------------------------------------------------------------------ */

static const char *const nx_emoji_neg[] = {
    "\xF0\x9F\x98\xA1",
    "\xF0\x9F\x98\xA4",
    "\xF0\x9F\x91\x8E",
    "\xF0\x9F\x99\x84",
    "\xF0\x9F\x98\x9E",
    "\xF0\x9F\xA4\xAC",
    "\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1",
    "\xF0\x9F\x91\x8E\xF0\x9F\x91\x8E",
    "\xF0\x9F\x92\xA9",
    "\xF0\x9F\xA4\xA6\xE2\x80\x8D\xE2\x99\x80\xEF\xB8\x8F", /* facepalm ZWJ */
    "\xF0\x9F\x98\xA0",
    "\xF0\x9F\x98\xA9",
    NULL};
static const char *const nx_emoji_pos[] = {
    "\xF0\x9F\x91\x8D",
    "\xF0\x9F\x99\x8F",
    "\xE2\x9D\xA4\xEF\xB8\x8F",
    "\xF0\x9F\x98\x8D",
    "\xF0\x9F\x9A\x80",
    "\xF0\x9F\x94\xA5",
    "\xF0\x9F\x91\x8C",
    "\xF0\x9F\x98\x8A",
    "\xE2\xAD\x90\xE2\xAD\x90\xE2\xAD\x90\xE2\xAD\x90\xE2\xAD\x90",
    "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBB",
    "\xF0\x9F\x99\x8F\xF0\x9F\x8F\xBD",
    "\xF0\x9F\x91\x8D\xF0\x9F\x91\x8D",
    "\xF0\x9F\x8E\x89",
    NULL};
static const char *const nx_emoji_mid[] = {
    "\xF0\x9F\xA4\xB7", "\xF0\x9F\x98\x90", "\xF0\x9F\x99\x82",
    "\xF0\x9F\xA4\x94", "\xF0\x9F\x98\x85", NULL};

/* Sentences with accented words (café, naïve, résumé, ...). */
static const char *const nx_acc_neg[] = {
    "Maybe I was na\xC3\xAFve to expect next-day delivery",
    "D\xC3\xA9j\xC3\xA0 vu: another late delivery",
    "Call me na\xC3\xAFve, but I expected the refund within a week",
    "Ordered it for my caf\xC3\xA9 and it arrived broken",
    "Here's a r\xC3\xA9sum\xC3\xA9 of my experience: late, broken, no refund",
    "The premium fa\xC3\xA7"
    "ade falls apart once you need support",
    "We run a small caf\xC3\xA9 and the app crashes every lunch rush",
    "Sent them my whole r\xC3\xA9sum\xC3\xA9 of tickets, nothing fixed",
    "Our Z\xC3\xBCrich office has had no invoices since {March|the summer}",
    NULL};
static const char *const nx_acc_pos[] = {
    "Perfect for our little caf\xC3\xA9",
    "We use it at the caf\xC3\xA9 every day and it just works",
    "Shout out to Jos\xC3\xA9 from support",
    "Zo\xC3\xAB in customer service was fantastic",
    "Ren\xC3\xA9"
    "e on the chat fixed it in minutes",
    "Our Z\xC3\xBCrich team loves it too",
    "Works great for our S\xC3\xA3o Paulo office",
    "The cr\xC3\xA8me color looks even better in person",
    "Bj\xC3\xB6rn from the onboarding team was super helpful",
    "Pricing is \xC3\xA0 la carte, which I like",
    NULL};
static const char *const nx_acc_mid[] = {
    "Bought it for the caf\xC3\xA9, works ok",
    "Clich\xC3\xA9, but you get what you pay for",
    "Maybe I'm na\xC3\xAFve but I expected a bit more",
    "Fran\xC3\xA7oise in support was nice, the product is just ok", NULL};
/* Currency signs. */
static const char *const nx_cur_neg[] = {
    "Paying \xE2\x82\xAC{29|39|49|79} a month for this?",
    "Went from \xC2\xA3{9|12} to \xC2\xA3{15|19} a month overnight",
    "\xE2\x82\xAC{12|15|20} shipping on a \xE2\x82\xAC{25|30} order is a joke",
    "Charged \xC2\xA3{49|99} twice and still no refund",
    "\xC2\xA5{1200|3000} more than last year for the same plan",
    NULL};
static const char *const nx_cur_pos[] = {
    "Worth every \xE2\x82\xAC", "Great value at \xC2\xA3{5|9|12} a month",
    "Only \xE2\x82\xAC{4|7|9} a month and it does everything I need",
    "Best \xC2\xA3{20|30|50} I've spent this year", NULL};

/* ------------------------------------------------------------------------ */
/* Content: other languages                                                 */
/* ------------------------------------------------------------------------ */

/* French */
static const char *const fr_neg[] = {
    "{Livraison|La livraison} {en retard|tr\xC3\xA8s en retard|beaucoup trop "
    "lente}{| comme d'habitude| encore une fois}",
    "Le colis est arriv\xC3\xA9 {ab\xC3\xAEm\xC3\xA9|endommag\xC3\xA9|ouvert|"
    "compl\xC3\xA8tement \xC3\xA9"
    "cras\xC3\xA9}",
    "{Colis jamais re\xC3\xA7u|Mon colis n'est toujours pas arriv\xC3\xA9 "
    "apr\xC3\xA8s <ndays> jours|Colis perdu par le transporteur}",
    "{Trop cher|Beaucoup trop cher|Hors de prix} pour ce que c'est",
    "{Le prix a encore augment\xC3\xA9|Encore une hausse de prix}{| sans "
    "pr\xC3\xA9venir|, c'est abus\xC3\xA9}",
    "{J'ai \xC3\xA9t\xC3\xA9|On m'a} {d\xC3\xA9"
    "bit\xC3\xA9|factur\xC3\xA9} "
    "deux fois{| ce mois-ci| pour la m\xC3\xAAme commande}",
    "{Le remboursement|Mon remboursement} {n'est jamais arriv\xC3\xA9|a pris "
    "trois semaines|se fait toujours attendre}",
    "{Le service client|Le SAV|Le support} {ne r\xC3\xA9pond jamais|est "
    "injoignable|est inutile|m'a raccroch\xC3\xA9 au nez}",
    "{Une heure|45 minutes|Vingt minutes} d'attente au t\xC3\xA9l\xC3\xA9phone"
    "{| pour rien| sans r\xC3\xA9ponse}",
    "{L'application|L'appli|Le site} {plante sans arr\xC3\xAAt|plante tout le "
    "temps|est tr\xC3\xA8s lente|bugue constamment}",
    "{Interface pas du tout intuitive|L'interface est confuse|Les menus sont "
    "compliqu\xC3\xA9s}{|, on ne trouve rien}",
    "{Le produit|L'appareil} {s'est cass\xC3\xA9|a l\xC3\xA2"
    "ch\xC3\xA9} "
    "apr\xC3\xA8s {une semaine|deux semaines|un mois}",
    "{Qualit\xC3\xA9 m\xC3\xA9"
    "diocre|Mat\xC3\xA9riaux bon "
    "march\xC3\xA9|Finition tr\xC3\xA8s moyenne}",
    "{Impossible|Tr\xC3\xA8s difficile} de {retourner l'article|faire un "
    "\xC3\xA9"
    "change|obtenir une \xC3\xA9tiquette de retour}",
    "{L'installation|La configuration|La mise en route} {a pris des "
    "heures|est un cauchemar|est trop compliqu\xC3\xA9"
    "e}",
    "{Il manque {l'export CSV|le mode sombre|un mode hors ligne|la "
    "synchronisation avec Outlook}|Toujours pas {d'export CSV|de mode "
    "sombre|de mode hors ligne}}",
    "{Message d'erreur|Erreur} \xC3\xA0 chaque connexion",
    "49\xC2\xA0\xE2\x82\xAC par mois, c'est {beaucoup trop|abus\xC3\xA9|du "
    "vol}",
    NULL};
static const char *const fr_pos[] = {
    "{Livraison rapide|Livr\xC3\xA9 en deux jours|Livraison ultra rapide}{| et "
    "colis bien emball\xC3\xA9|, rien \xC3\xA0 redire}",
    "{Tr\xC3\xA8s bon|Excellent} rapport qualit\xC3\xA9-prix",
    "{Service client|Support|Le service client est|Le support est} {au "
    "top|tr\xC3\xA8s r\xC3\xA9"
    "actif|super sympa|efficace}",
    "{Application|L'application|L'appli} {facile \xC3\xA0 utiliser|tr\xC3\xA8s "
    "intuitive|rapide et fiable}",
    "{Produit|Appareil} {de tr\xC3\xA8s bonne qualit\xC3\xA9|solide|robuste}{| "
    "et bien fini}",
    "{Aucun probl\xC3\xA8me|Jamais eu de probl\xC3\xA8me} {avec la "
    "livraison|de facturation|avec le support}",
    "{Pas cher du tout|Prix tr\xC3\xA8s correct|Tarif raisonnable}",
    "{Installation|Mise en route} {en cinq minutes|tr\xC3\xA8s simple|sans "
    "souci}",
    "{Je recommande|Je recommande vivement|Je recommande \xC3\xA0 "
    "100\xC2\xA0%}",
    "{Tr\xC3\xA8s satisfait|Tr\xC3\xA8s satisfaite|Ravie|Ravi}{| de mon "
    "achat| du service}",
    "{Retour|\xC3\x89"
    "change} {simple et rapide|sans probl\xC3\xA8me}",
    NULL};
static const char *const fr_mid[] = {
    "{Correct|\xC3\x87"
    "a va|Pas mal}{| dans l'ensemble|, sans plus}",
    "{Bien|Bon produit} mais {un peu cher|la livraison est lente|l'appli "
    "bugue parfois}",
    NULL};
static const char *const fr_sneg[] = {"Bof",
                                      "Nul",
                                      "D\xC3\xA9\xC3\xA7u",
                                      "D\xC3\xA9\xC3\xA7ue",
                                      "Tr\xC3\xA8s d\xC3\xA9\xC3\xA7u",
                                      NULL};
static const char *const fr_spos[] = {
    "Tr\xC3\xA8s bien", "Parfait",        "RAS",
    "G\xC3\xA9nial",    "Super\xC2\xA0!", NULL};

/* Spanish */
static const char *const es_neg[] = {
    "{Env\xC3\xADo|El env\xC3\xADo} {tard\xC3\xADo|muy lento|tard\xC3\xB3 "
    "<ndays> d\xC3\xAD"
    "as|lleg\xC3\xB3 una semana tarde}",
    "{El paquete|Mi pedido} lleg\xC3\xB3 {da\xC3\xB1"
    "ado|roto|abierto|"
    "aplastado}",
    "{Mi pedido|El paquete} {nunca lleg\xC3\xB3|todav\xC3\xAD"
    "a no ha "
    "llegado|se perdi\xC3\xB3}",
    "{Demasiado caro|Muy caro|Car\xC3\xADsimo}{| para lo que ofrece| para lo "
    "que es}",
    "{Subieron el precio|El precio subi\xC3\xB3} {otra vez|sin avisar|un 30%}",
    "Me {cobraron|han cobrado} dos veces{| este mes| el mismo pedido}",
    "{El reembolso|Mi reembolso} {nunca lleg\xC3\xB3|tard\xC3\xB3 un mes|sigue "
    "pendiente}",
    "La atenci\xC3\xB3n al cliente {es p\xC3\xA9sima|no responde|no sirve "
    "para nada}",
    "El soporte {no responde|tarda d\xC3\xAD"
    "as en contestar|no resuelve "
    "nada}",
    "{Una hora|Cuarenta minutos|Media hora} esperando {al tel\xC3\xA9"
    "fono|en "
    "el chat}{| y nadie me atendi\xC3\xB3}",
    "{La aplicaci\xC3\xB3n|La app|La web} {se cuelga|falla|se cierra sola} "
    "{constantemente|todo el tiempo|cada dos por tres}",
    "{La interfaz es confusa|El men\xC3\xBA es confuso|Es poco intuitiva}",
    "Se rompi\xC3\xB3 {a la semana|al mes|a los pocos d\xC3\xAD"
    "as}",
    "{Mala calidad|Material barato|Calidad p\xC3\xA9sima}",
    "Hacer una devoluci\xC3\xB3n es {imposible|un infierno|muy complicado}",
    "{La configuraci\xC3\xB3n|La instalaci\xC3\xB3n} {es un l\xC3\xADo|"
    "tard\xC3\xB3 horas|es muy complicada}",
    "{Falta|Le falta} {exportar a Excel|el modo oscuro|integraci\xC3\xB3n con "
    "Google Calendar}",
    "Muy lenta, tarda {mucho|una eternidad} en cargar",
    NULL};
static const char *const es_pos[] = {
    "{Env\xC3\xADo r\xC3\xA1pido|Lleg\xC3\xB3 en dos d\xC3\xAD"
    "as|Entrega "
    "rapid\xC3\xADsima}{| y bien empaquetado|, todo perfecto}",
    "{Buena|Excelente|Muy buena} relaci\xC3\xB3n calidad-precio",
    "{La atenci\xC3\xB3n al cliente es excelente|El soporte es muy "
    "r\xC3\xA1pido|Me atendieron enseguida}",
    "{Muy f\xC3\xA1"
    "cil de usar|F\xC3\xA1"
    "cil de usar e intuitiva|Muy "
    "intuitiva}",
    "{Buena calidad|Calidad excelente|Muy resistente}",
    "{Ning\xC3\xBAn problema|Nunca he tenido problemas} con {el env\xC3\xADo|"
    "la facturaci\xC3\xB3n|la devoluci\xC3\xB3n}",
    "{No es nada caro|Precio muy razonable|Barato y funciona bien}",
    "{Lo recomiendo|Lo recomiendo totalmente|Recomendado 100%}",
    "{Muy contento|Muy contenta|Encantado|Encantada}{| con la compra| con el "
    "servicio}",
    "\xC2\xA1{Me encanta|Genial|Excelente servicio}!",
    NULL};
static const char *const es_mid[] = {
    "{Est\xC3\xA1 bien|Bien|Correcto}{| en general|, sin m\xC3\xA1s}",
    "{Buen producto|Bien} pero {algo caro|el env\xC3\xADo es lento|la app "
    "falla a veces}",
    NULL};
static const char *const es_sneg[] = {"Regular", "Fatal", "Malo",
                                      "P\xC3\xA9simo", NULL};
static const char *const es_spos[] = {"Bien",     "Excelente",       "Genial",
                                      "Perfecto", "\xC2\xA1Genial!", NULL};

/* German */
static const char *const de_neg[] = {
    "{Lieferung kam|Die Lieferung kam|Paket kam} {zu sp\xC3\xA4t|viel zu "
    "sp\xC3\xA4t|eine Woche zu sp\xC3\xA4t}",
    "{Das Paket war besch\xC3\xA4"
    "digt|Der Karton kam besch\xC3\xA4"
    "digt "
    "an|Das Paket war v\xC3\xB6llig zerdr\xC3\xBC"
    "ckt}",
    "{Paket nie angekommen|Meine Bestellung ist nach <ndays> Tagen immer noch "
    "nicht da}",
    "{Viel zu teuer|Zu teuer|\xC3\x9C"
    "berteuert}{| f\xC3\xBCr das, was man "
    "bekommt| f\xC3\xBCr den Funktionsumfang}",
    "{Die Preiserh\xC3\xB6hung ist eine Frechheit|Schon wieder eine "
    "Preiserh\xC3\xB6hung ohne Ank\xC3\xBCndigung}",
    "{Doppelt abgebucht|Mir wurde doppelt abgebucht|Zweimal belastet}{| und "
    "keine Erstattung| und niemand reagiert}",
    "{Die R\xC3\xBC"
    "ckerstattung|Meine R\xC3\xBC"
    "ckerstattung} {dauert "
    "ewig|kam nie an|hat drei Wochen gedauert}",
    "{Der Kundenservice|Der Support|Die Hotline} {ist unerreichbar|antwortet "
    "nicht|ist eine Katastrophe|hilft \xC3\xBC"
    "berhaupt nicht}",
    "{Eine Stunde|45 Minuten|Zwanzig Minuten} in der Warteschleife{| und "
    "dann aufgelegt| ohne Ergebnis}",
    "{Die App|Die Anwendung|Die Webseite} {st\xC3\xBCrzt st\xC3\xA4ndig ab|ist "
    "extrem langsam|h\xC3\xA4ngt sich dauernd auf}",
    "{Die Bedienung|Die Oberfl\xC3\xA4"
    "che|Das Men\xC3\xBC} ist "
    "{un\xC3\xBC"
    "bersichtlich|verwirrend|umst\xC3\xA4ndlich}",
    "Nach {einer Woche|zwei Wochen|einem Monat} kaputt{| gegangen}",
    "{Billiges Material|Schlechte Verarbeitung|Die Qualit\xC3\xA4t ist mies}",
    "{Die R\xC3\xBC"
    "cksendung ist viel zu kompliziert|Der Umtausch hat ewig "
    "gedauert|Der Umtausch wurde abgelehnt}",
    "{Die Einrichtung|Die Installation} {hat Stunden gedauert|ist viel zu "
    "kompliziert|ist ein Albtraum}",
    "{Es fehlt|Leider fehlt} {ein CSV-Export|der Dunkelmodus|eine "
    "Outlook-Integration|ein Offline-Modus}",
    "Fehlermeldung bei jedem {Login|Speichern|Export}",
    NULL};
static const char *const de_pos[] = {
    "{Schnelle Lieferung|Lieferung in zwei Tagen|Super schnelle Lieferung}{| "
    "und gut verpackt|, alles bestens}",
    "{Gutes|Sehr gutes|Top} Preis-Leistungs-Verh\xC3\xA4ltnis",
    "{Der Kundenservice ist super|Sehr freundlicher Support|Der Support hat "
    "sofort geholfen}",
    "{Einfach zu bedienen|Sehr intuitiv|\xC3\x9C"
    "bersichtlich und schnell}",
    "{Sehr gute Qualit\xC3\xA4t|Hochwertig verarbeitet|Robust und langlebig}",
    "{Keine Probleme|Nie Probleme} mit {der Lieferung|der Abrechnung|dem "
    "Support}",
    "{\xC3\x9C"
    "berhaupt nicht teuer|Fairer Preis|G\xC3\xBCnstig und "
    "zuverl\xC3\xA4ssig}",
    "{Einrichtung in f\xC3\xBCnf Minuten|Die Einrichtung war "
    "kinderleicht|Schnell eingerichtet}",
    "{Klare Empfehlung|Kann ich nur empfehlen|Absolut empfehlenswert}",
    "{Sehr zufrieden|Rundum zufrieden|Bin begeistert}",
    "R\xC3\xBC"
    "cksendung {war problemlos|ging schnell und einfach}",
    NULL};
static const char *const de_mid[] = {
    "{Ganz okay|Passt schon|In Ordnung}{| soweit|, nichts Besonderes}",
    "{Gutes Produkt|Ganz gut}, aber {etwas teuer|die Lieferung dauert zu "
    "lange|die App h\xC3\xA4ngt manchmal}",
    NULL};
static const char *const de_sneg[] = {"Schlecht", "Naja", "Entt\xC3\xA4uscht",
                                      "Mangelhaft", NULL};
static const char *const de_spos[] = {"Gut",
                                      "Alles gut",
                                      "Super",
                                      "Prima",
                                      "Gr\xC3\xB6\xC3\x9Ftenteils zufrieden",
                                      NULL};

/* Italian */
static const char *const it_neg[] = {
    "{Consegna in ritardo|La consegna \xC3\xA8 arrivata in "
    "ritardo|Spedizione lentissima}{| di una settimana| come sempre}",
    "Il pacco \xC3\xA8 arrivato {danneggiato|rotto|aperto}",
    "{Troppo caro|Prezzo troppo alto|Costa troppo}{| per quello che offre|}",
    "Mi hanno addebitato due volte{| lo stesso ordine| l'abbonamento}",
    "{Il rimborso|Il mio rimborso} {non \xC3\xA8 mai arrivato|ci ha messo un "
    "mese|\xC3\xA8 ancora in sospeso}",
    "{Il servizio clienti non risponde mai|L'assistenza \xC3\xA8 "
    "inutile|Il servizio clienti \xC3\xA8 pessimo}",
    "{Un'ora|Quaranta minuti|Mezz'ora} di attesa al telefono",
    "{L'app|L'applicazione} {si blocca di continuo|va in crash ogni "
    "volta|\xC3\xA8 lentissima}",
    "{Interfaccia poco intuitiva|Menu confusi|Non si trova niente}",
    "Si \xC3\xA8 rotto dopo {una settimana|due settimane|un mese}",
    "{Qualit\xC3\xA0 scadente|Materiale economico|Plastica di bassa "
    "qualit\xC3\xA0}",
    "{Il reso|Fare un reso} \xC3\xA8 {un incubo|complicatissimo|impossibile}",
    "{L'installazione|La configurazione} {\xC3\xA8 stata un incubo|ha "
    "richiesto ore|\xC3\xA8 troppo complicata}",
    "Manca {l'esportazione in Excel|la modalit\xC3\xA0 scura|l'integrazione "
    "con Outlook}",
    NULL};
static const char *const it_pos[] = {
    "{Consegna velocissima|Arrivato in due giorni|Spedizione rapida}{| e "
    "imballaggio perfetto|, tutto ok}",
    "{Ottimo|Buon} rapporto qualit\xC3\xA0-prezzo",
    "{Assistenza clienti fantastica|Il servizio clienti \xC3\xA8 stato "
    "gentilissimo|Supporto rapido ed efficace}",
    "{Facile da usare|Molto intuitiva|Semplice e veloce}",
    "{Ottima qualit\xC3\xA0|Prodotto solido|Materiali di qualit\xC3\xA0}",
    "Nessun problema con {la consegna|la fatturazione|il reso}",
    "{Non \xC3\xA8 affatto caro|Prezzo onesto|Costa il giusto}",
    "{Lo consiglio|Consigliatissimo|Lo consiglio a tutti}",
    "{Molto soddisfatto|Molto soddisfatta|Soddisfattissimo}",
    NULL};
static const char *const it_mid[] = {
    "{Va bene|Discreto|Niente di speciale}",
    "{Buon prodotto|Carino}, per\xC3\xB2 {un po' caro|la consegna \xC3\xA8 "
    "lenta|l'app a volte si blocca}",
    NULL};
static const char *const it_sneg[] = {"Pessimo", "Cos\xC3\xAC cos\xC3\xAC",
                                      "Deludente", NULL};
static const char *const it_spos[] = {"Bene", "Ottimo", "Perfetto", "Tutto ok",
                                      NULL};

/* Portuguese */
static const char *const pt_neg[] = {
    "{Entrega atrasada|A entrega atrasou|Entrega muito lenta}{| de novo| mais "
    "uma vez}",
    "{O pacote chegou {danificado|aberto|amassado}|A encomenda chegou "
    "{danificada|aberta}}",
    "{Meu pedido|A minha encomenda} {nunca chegou|ainda n\xC3\xA3o chegou}",
    "{Caro demais|Muito caro|Car\xC3\xADssimo}{| pelo que oferece| para o que "
    "\xC3\xA9}",
    "{Aumentaram o pre\xC3\xA7o|O pre\xC3\xA7o subiu} {de novo|sem aviso}",
    "{Fui cobrado|Fui cobrada|Cobraram} duas vezes{| no cart\xC3\xA3o| pelo "
    "mesmo pedido}",
    "{O reembolso|Meu reembolso} {nunca chegou|demorou um m\xC3\xAAs|ainda "
    "est\xC3\xA1 pendente}",
    "{O atendimento|O suporte|O SAC} {\xC3\xA9 p\xC3\xA9ssimo|n\xC3\xA3o "
    "responde|n\xC3\xA3o resolve nada}",
    "{Uma hora|Quarenta minutos|Meia hora} esperando {no telefone|no chat}",
    "{O aplicativo|O app|O site} {trava|fecha sozinho} {o tempo todo|toda "
    "hora}",
    "{A interface \xC3\xA9 confusa|Os menus s\xC3\xA3o confusos}",
    "Quebrou depois de {uma semana|duas semanas|um m\xC3\xAAs}",
    "{Qualidade p\xC3\xA9ssima|Material barato|Acabamento fraco}",
    "{Devolver|Fazer a devolu\xC3\xA7\xC3\xA3o} \xC3\xA9 "
    "{imposs\xC3\xADvel|muito complicado|um pesadelo}",
    "{A instala\xC3\xA7\xC3\xA3o|A configura\xC3\xA7\xC3\xA3o} {demorou "
    "horas|\xC3\xA9 complicada demais|foi um pesadelo}",
    "Falta {exporta\xC3\xA7\xC3\xA3o para Excel|modo escuro|"
    "integra\xC3\xA7\xC3\xA3o com o Google Agenda}",
    NULL};
static const char *const pt_pos[] = {
    "{Entrega r\xC3\xA1pida|Chegou em dois dias|Entrega super "
    "r\xC3\xA1pida}{| e bem embalado|, tudo certo}",
    "{\xC3\x93timo|Excelente|Bom} custo-benef\xC3\xAD"
    "cio",
    "{Atendimento excelente|O suporte foi muito atencioso|Atendimento nota "
    "10}",
    "{Muito f\xC3\xA1"
    "cil de usar|F\xC3\xA1"
    "cil e intuitivo|Super "
    "intuitivo}",
    "{\xC3\x93tima qualidade|Produto resistente|Muito bem feito}",
    "{Nenhum problema|Nunca tive problema} com {a entrega|a cobran\xC3\xA7"
    "a|"
    "o suporte}",
    "{N\xC3\xA3o \xC3\xA9 nada caro|Pre\xC3\xA7o justo|Pre\xC3\xA7o "
    "\xC3\xB3timo}",
    "{Recomendo|Recomendo muito|Super recomendo}",
    "{Muito satisfeito|Muito satisfeita|Adorei}",
    NULL};
static const char *const pt_mid[] = {
    "{Ok|Razo\xC3\xA1vel|Nada demais}",
    "{Bom produto|Bom}, mas {um pouco caro|a entrega demora|o app trava "
    "\xC3\xA0s vezes}",
    NULL};
static const char *const pt_sneg[] = {"P\xC3\xA9ssimo", "Regular", "Ruim",
                                      NULL};
static const char *const pt_spos[] = {"Bom", "\xC3\x93timo", "Show", "Adorei",
                                      NULL};

/* Dutch */
static const char *const nl_neg[] = {
    "{Levering te laat|Het pakket kwam te laat|Bezorging duurde veel te "
    "lang}{| alweer| voor de derde keer}",
    "{Het pakket|De doos} was {beschadigd|kapot|open}{| bij aankomst}",
    "{Mijn bestelling is nooit aangekomen|Het pakket is na <ndays> dagen nog "
    "steeds niet binnen}",
    "{Veel te duur|Te duur|Erg prijzig}{| voor wat je krijgt}",
    "{De prijs is alweer verhoogd|Weer een prijsverhoging}{| zonder "
    "aankondiging}",
    "{Twee keer afgeschreven|Dubbel betaald}{| en nog geen terugbetaling}",
    "{De terugbetaling duurt eeuwen|Mijn geld kwam nooit terug|De "
    "terugbetaling duurde drie weken}",
    "{De klantenservice|Support} {reageert niet|is onbereikbaar|helpt niet}",
    "{Een uur|45 minuten|Twintig minuten} in de wacht{| en toen opgehangen}",
    "{De app|De website} {crasht steeds|is erg traag|loopt vast}",
    "{Onduidelijke menu's|De interface is verwarrend|Niet "
    "gebruiksvriendelijk}",
    "Na {\xC3\xA9\xC3\xA9n week|twee weken|een maand} kapot",
    "{Slechte kwaliteit|Goedkoop materiaal}",
    "{Retourneren|Een retour aanvragen} is {ingewikkeld|een drama|onmogelijk}",
    "{De installatie|Het instellen} {duurde uren|is te ingewikkeld}",
    "{Mist|Er ontbreekt} {een CSV-export|een donkere modus|een koppeling met "
    "Outlook}",
    NULL};
static const char *const nl_pos[] = {
    "{Snelle levering|Binnen twee dagen geleverd|Supersnel bezorgd}{| en "
    "goed verpakt}",
    "{Goede|Prima} prijs-kwaliteitverhouding",
    "{Klantenservice is top|Vriendelijke en snelle support|Support hielp "
    "meteen}",
    "{Makkelijk te gebruiken|Erg gebruiksvriendelijk|Overzichtelijk en snel}",
    "{Goede kwaliteit|Stevig en degelijk}",
    "Geen problemen met {de levering|de facturatie|retourneren}",
    "{Helemaal niet duur|Eerlijke prijs|Betaalbaar}",
    "{Aanrader|Echt een aanrader|Zeker een aanrader}",
    "{Erg tevreden|Heel tevreden|Dik tevreden}",
    "{Retourneren ging soepel|Ruilen was zo geregeld}",
    NULL};
static const char *const nl_mid[] = {
    "{Prima|Gaat wel|Redelijk}",
    "{Goed product|Prima}, maar {wel wat duur|de levering duurt lang|de app "
    "is soms traag}",
    NULL};
static const char *const nl_sneg[] = {"Slecht", "Matig", "Teleurgesteld", NULL};
static const char *const nl_spos[] = {"Prima", "Top", "Goed", "Geweldig", NULL};

/* Chinese (clauses; joined with a full-width comma) */
static const char *const zh_neg[] = {
    "\xE9\x80\x81\xE8\xB4\xA7\xE5\xA4\xAA\xE6\x85\xA2\xE4"
    "\xBA\x86", /* 送货太慢了
                 */
    "\xE5\xBF\xAB\xE9\x80\x92\xE5\xA4\xAA\xE6\x85\xA2\xE4"
    "\xBA\x86", /* 快递太慢了
                 */
    /* 包裹到的时候已经破了 */
    "\xE5\x8C\x85\xE8\xA3\xB9\xE5\x88\xB0\xE7\x9A\x84\xE6"
    "\x97\xB6\xE5\x80\x99"
    "\xE5\xB7\xB2\xE7\xBB\x8F\xE7\xA0\xB4\xE4\xBA\x86",
    /* 等了<ndays>天才到 */
    "\xE7\xAD\x89\xE4\xBA\x86<ndays>"
    "\xE5\xA4\xA9\xE6\x89\x8D\xE5\x88\xB0",
    /* 客服也不回复 */
    "\xE5\xAE\xA2\xE6\x9C\x8D\xE4\xB9\x9F\xE4\xB8\x8D\xE5"
    "\x9B\x9E\xE5\xA4\x8D",
    /* 客服态度很差 */
    "\xE5\xAE\xA2\xE6\x9C\x8D\xE6\x80\x81\xE5\xBA\xA6\xE5"
    "\xBE\x88\xE5\xB7\xAE",
    "\xE4\xBB\xB7\xE6\xA0\xBC\xE5\xA4\xAA\xE8\xB4\xB5\xE4"
    "\xBA\x86",                                         /* 价格太贵了
                                                         */
    "\xE5\x8F\x88\xE6\xB6\xA8\xE4\xBB\xB7\xE4\xBA\x86", /* 又涨价了
                                                         */
    /* 被重复扣款了 */
    "\xE8\xA2\xAB\xE9\x87\x8D\xE5\xA4\x8D\xE6\x89\xA3\xE6"
    "\xAC\xBE\xE4\xBA\x86",
    /* 退款一直没到账 */
    "\xE9\x80\x80\xE6\xAC\xBE\xE4\xB8\x80\xE7\x9B\xB4\xE6"
    "\xB2\xA1\xE5\x88\xB0"
    "\xE8\xB4\xA6",
    /* 退货太麻烦了 */
    "\xE9\x80\x80\xE8\xB4\xA7\xE5\xA4\xAA\xE9\xBA\xBB\xE7"
    "\x83\xA6\xE4\xBA\x86",
    /* 应用老是闪退 */
    "\xE5\xBA\x94\xE7\x94\xA8\xE8\x80\x81\xE6\x98\xAF\xE9"
    "\x97\xAA\xE9\x80\x80",
    "\xE5\x8A\xA0\xE8\xBD\xBD\xE5\xA4\xAA\xE6\x85\xA2", /* 加载太慢
                                                         */
    "\xE7\x95\x8C\xE9\x9D\xA2\xE5\xBE\x88\xE9\x9A\xBE\xE7"
    "\x94\xA8", /* 界面很难用
                 */
    /* 质量太差，用了一周就坏了 */
    "\xE8\xB4\xA8\xE9\x87\x8F\xE5\xA4\xAA\xE5\xB7\xAE\xEF"
    "\xBC\x8C\xE7\x94\xA8"
    "\xE4\xBA\x86\xE4\xB8\x80\xE5\x91\xA8\xE5\xB0\xB1\xE5"
    "\x9D\x8F\xE4\xBA\x86",
    /* 安装太复杂了 */
    "\xE5\xAE\x89\xE8\xA3\x85\xE5\xA4\xAA\xE5\xA4\x8D\xE6"
    "\x9D\x82\xE4\xBA\x86",
    /* 缺少导出功能 */
    "\xE7\xBC\xBA\xE5\xB0\x91\xE5\xAF\xBC\xE5\x87\xBA\xE5"
    "\x8A\x9F\xE8\x83\xBD",
    /* APP经常报错 */
    "APP\xE7\xBB\x8F\xE5\xB8\xB8\xE6\x8A\xA5\xE9\x94\x99", NULL};
static const char *const zh_pos[] = {
    "\xE9\x80\x81\xE8\xB4\xA7\xE5\xBE\x88\xE5\xBF\xAB", /* 送货很快
                                                         */
    "\xE7\x89\xA9\xE6\xB5\x81\xE5\xBE\x88\xE5\xBF\xAB", /* 物流很快
                                                         */
    "\xE5\x8C\x85\xE8\xA3\x85\xE5\xBE\x88\xE5\xA5\xBD", /* 包装很好
                                                         */
    "\xE5\xAE\xA2\xE6\x9C\x8D\xE5\xBE\x88\xE8\x80\x90\xE5"
    "\xBF\x83", /* 客服很耐心
                 */
    "\xE6\x80\xA7\xE4\xBB\xB7\xE6\xAF\x94\xE5\xBE\x88\xE9"
    "\xAB\x98",                                         /* 性价比很高
                                                         */
    "\xE5\xBE\x88\xE5\xA5\xBD\xE7\x94\xA8",             /* 很好用 */
    "\xE7\x95\x8C\xE9\x9D\xA2\xE7\xAE\x80\xE6\xB4\x81", /* 界面简洁
                                                         */
    "\xE8\xB4\xA8\xE9\x87\x8F\xE4\xB8\x8D\xE9\x94\x99", /* 质量不错
                                                         */
    /* 没有任何问题 */
    "\xE6\xB2\xA1\xE6\x9C\x89\xE4\xBB\xBB\xE4\xBD\x95\xE9"
    "\x97\xAE\xE9\xA2\x98",
    "\xE6\x8E\xA8\xE8\x8D\x90",                         /* 推荐 */
    "\xE9\x9D\x9E\xE5\xB8\xB8\xE6\xBB\xA1\xE6\x84\x8F", /* 非常满意
                                                         */
    NULL};
static const char *const zh_mid[] = {
    "\xE8\xBF\x98\xE8\xA1\x8C",             /* 还行 */
    "\xE4\xB8\x80\xE8\x88\xAC\xE8\x88\xAC", /* 一般般 */
    /* 还可以，就是有点贵 */
    "\xE8\xBF\x98\xE5\x8F\xAF\xE4\xBB\xA5\xEF\xBC\x8C\xE5\xB0\xB1\xE6\x98\xAF"
    "\xE6\x9C\x89\xE7\x82\xB9\xE8\xB4\xB5",
    NULL};
static const char *const zh_sneg[] = {"\xE5\xB7\xAE\xE8\xAF\x84", /* 差评 */
                                      "\xE5\xA4\xAA\xE5\xB7\xAE\xE4\xBA\x86",
                                      NULL};
static const char *const zh_spos[] = {"\xE5\xA5\xBD\xE8\xAF\x84", /* 好评 */
                                      "\xE4\xB8\x8D\xE9\x94\x99", /* 不错 */
                                      NULL};

/* Japanese (sentences without the final 。) */
static const char *const ja_neg[] = {
    /* 配送が遅すぎます */
    "\xE9\x85\x8D\xE9\x80\x81\xE3\x81\x8C\xE9\x81\x85\xE3\x81\x99\xE3\x81\x8E"
    "\xE3\x81\xBE\xE3\x81\x99",
    /* 荷物が破損していました */
    "\xE8\x8D\xB7\xE7\x89\xA9\xE3\x81\x8C\xE7\xA0\xB4\xE6\x90\x8D\xE3\x81\x97"
    "\xE3\x81\xA6\xE3\x81\x84\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F",
    /* <ndays>日も待たされました */
    "<ndays>\xE6\x97\xA5\xE3\x82\x82\xE5\xBE\x85\xE3\x81\x9F\xE3\x81\x95\xE3"
    "\x82\x8C\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F",
    /* 料金が高すぎます */
    "\xE6\x96\x99\xE9\x87\x91\xE3\x81\x8C\xE9\xAB\x98\xE3\x81\x99\xE3\x81\x8E"
    "\xE3\x81\xBE\xE3\x81\x99",
    /* また値上げされました */
    "\xE3\x81\xBE\xE3\x81\x9F\xE5\x80\xA4\xE4\xB8\x8A\xE3\x81\x92\xE3\x81\x95"
    "\xE3\x82\x8C\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F",
    /* 二重に請求されました */
    "\xE4\xBA\x8C\xE9\x87\x8D\xE3\x81\xAB\xE8\xAB\x8B\xE6\xB1\x82\xE3\x81\x95"
    "\xE3\x82\x8C\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F",
    /* 返金がまだです */
    "\xE8\xBF\x94\xE9\x87\x91\xE3\x81\x8C\xE3\x81\xBE\xE3\x81\xA0\xE3\x81\xA7"
    "\xE3\x81\x99",
    /* サポートの対応が遅いです */
    "\xE3\x82\xB5\xE3\x83\x9D\xE3\x83\xBC\xE3\x83\x88\xE3\x81\xAE\xE5\xAF\xBE"
    "\xE5\xBF\x9C\xE3\x81\x8C\xE9\x81\x85\xE3\x81\x84\xE3\x81\xA7\xE3\x81\x99",
    /* 電話が全然つながりません */
    "\xE9\x9B\xBB\xE8\xA9\xB1\xE3\x81\x8C\xE5\x85\xA8\xE7\x84\xB6\xE3\x81\xA4"
    "\xE3\x81\xAA\xE3\x81\x8C\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93",
    /* アプリがすぐ落ちます */
    "\xE3\x82\xA2\xE3\x83\x97\xE3\x83\xAA\xE3\x81\x8C\xE3\x81\x99\xE3\x81\x90"
    "\xE8\x90\xBD\xE3\x81\xA1\xE3\x81\xBE\xE3\x81\x99",
    /* 動作が重いです */
    "\xE5\x8B\x95\xE4\xBD\x9C\xE3\x81\x8C\xE9\x87\x8D\xE3\x81\x84\xE3\x81\xA7"
    "\xE3\x81\x99",
    /* アプリのＵＩが分かりにくいです */
    "\xE3\x82\xA2\xE3\x83\x97\xE3\x83\xAA\xE3\x81\xAE\xEF\xBC\xB5\xEF\xBC\xA9"
    "\xE3\x81\x8C\xE5\x88\x86\xE3\x81\x8B\xE3\x82\x8A\xE3\x81\xAB\xE3\x81\x8F"
    "\xE3\x81\x84\xE3\x81\xA7\xE3\x81\x99",
    /* 一週間で壊れました */
    "\xE4\xB8\x80\xE9\x80\xB1\xE9\x96\x93\xE3\x81\xA7\xE5\xA3\x8A\xE3\x82\x8C"
    "\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F",
    /* 設定が難しすぎます */
    "\xE8\xA8\xAD\xE5\xAE\x9A\xE3\x81\x8C\xE9\x9B\xA3\xE3\x81\x97\xE3\x81\x99"
    "\xE3\x81\x8E\xE3\x81\xBE\xE3\x81\x99",
    /* エクスポート機能がほしいです */
    "\xE3\x82\xA8\xE3\x82\xAF\xE3\x82\xB9\xE3\x83\x9D\xE3\x83\xBC\xE3\x83\x88"
    "\xE6\xA9\x9F\xE8\x83\xBD\xE3\x81\x8C\xE3\x81\xBB\xE3\x81\x97\xE3\x81\x84"
    "\xE3\x81\xA7\xE3\x81\x99",
    /* 返品の手続きが面倒です */
    "\xE8\xBF\x94\xE5\x93\x81\xE3\x81\xAE\xE6\x89\x8B\xE7\xB6\x9A\xE3\x81\x8D"
    "\xE3\x81\x8C\xE9\x9D\xA2\xE5\x80\x92\xE3\x81\xA7\xE3\x81\x99",
    NULL};
static const char *const ja_pos[] = {
    /* 配送が早くて助かりました */
    "\xE9\x85\x8D\xE9\x80\x81\xE3\x81\x8C\xE6\x97\xA9\xE3\x81\x8F\xE3\x81\xA6"
    "\xE5\x8A\xA9\xE3\x81\x8B\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F",
    /* 梱包が丁寧でした */
    "\xE6\xA2\xB1\xE5\x8C\x85\xE3\x81\x8C\xE4\xB8\x81\xE5\xAF\xA7\xE3\x81\xA7"
    "\xE3\x81\x97\xE3\x81\x9F",
    /* サポートがとても親切でした */
    "\xE3\x82\xB5\xE3\x83\x9D\xE3\x83\xBC\xE3\x83\x88\xE3\x81\x8C\xE3\x81\xA8"
    "\xE3\x81\xA6\xE3\x82\x82\xE8\xA6\xAA\xE5\x88\x87\xE3\x81\xA7\xE3\x81\x97"
    "\xE3\x81\x9F",
    /* コスパが良いです */
    "\xE3\x82\xB3\xE3\x82\xB9\xE3\x83\x91\xE3\x81\x8C\xE8\x89\xAF\xE3\x81\x84"
    "\xE3\x81\xA7\xE3\x81\x99",
    /* 使いやすいです */
    "\xE4\xBD\xBF\xE3\x81\x84\xE3\x82\x84\xE3\x81\x99\xE3\x81\x84\xE3\x81\xA7"
    "\xE3\x81\x99",
    /* 動作がサクサクです */
    "\xE5\x8B\x95\xE4\xBD\x9C\xE3\x81\x8C\xE3\x82\xB5\xE3\x82\xAF\xE3\x82\xB5"
    "\xE3\x82\xAF\xE3\x81\xA7\xE3\x81\x99",
    /* 品質が良いです */
    "\xE5\x93\x81\xE8\xB3\xAA\xE3\x81\x8C\xE8\x89\xAF\xE3\x81\x84\xE3\x81\xA7"
    "\xE3\x81\x99",
    /* 特に問題ありません */
    "\xE7\x89\xB9\xE3\x81\xAB\xE5\x95\x8F\xE9\xA1\x8C\xE3\x81\x82\xE3\x82\x8A"
    "\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93",
    /* おすすめです */
    "\xE3\x81\x8A\xE3\x81\x99\xE3\x81\x99\xE3\x82\x81\xE3\x81\xA7\xE3\x81\x99",
    /* 大満足です */
    "\xE5\xA4\xA7\xE6\xBA\x80\xE8\xB6\xB3\xE3\x81\xA7\xE3\x81\x99", NULL};
static const char *const ja_mid[] = {
    "\xE6\x99\xAE\xE9\x80\x9A\xE3\x81\xA7\xE3\x81\x99", /* 普通です */
    /* まあまあです */
    "\xE3\x81\xBE\xE3\x81\x82\xE3\x81\xBE\xE3\x81\x82\xE3\x81\xA7\xE3\x81\x99",
    /* 悪くないけど、少し高いです */
    "\xE6\x82\xAA\xE3\x81\x8F\xE3\x81\xAA\xE3\x81\x84\xE3\x81\x91\xE3\x81\xA9"
    "\xE3\x80\x81\xE5\xB0\x91\xE3\x81\x97\xE9\xAB\x98\xE3\x81\x84\xE3\x81\xA7"
    "\xE3\x81\x99",
    NULL};
static const char *const ja_sneg[] = {
    "\xE6\xAE\x8B\xE5\xBF\xB5\xE3\x81\xA7\xE3\x81\x99", /* 残念です */
    "\xE6\x9C\x80\xE6\x82\xAA", NULL};                  /* 最悪 */
static const char *const ja_spos[] = {
    "\xE6\xBA\x80\xE8\xB6\xB3",                                /* 満足 */
    "\xE6\x9C\x80\xE9\xAB\x98\xE3\x81\xA7\xE3\x81\x99", NULL}; /* 最高です */

/* ------------------------------------------------------------------------ */
/* Rule table and grammar compiler                                          */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *name;
  const char *const *alts;
} rule_def;

#define R(id)                                                                  \
  { #id, id }
static const rule_def RULES[] = {
    R(ndays),      R(nmin),         R(money),        R(pctup),
    R(pkg),        R(Courier),      R(courier),      R(App),
    R(app),        R(thing),        R(feat),         R(integ),
    R(name),       R(when),         R(ntimes),       R(wait),
    R(ship_neg),   R(ship_pos),     R(price_neg),    R(price_pos),
    R(bill_neg),   R(bill_pos),     R(ret_neg),      R(ret_pos),
    R(ux_neg),     R(ux_pos),       R(bug_neg),      R(bug_pos),
    R(perf_neg),   R(perf_pos),     R(sup_neg),      R(sup_pos),
    R(qual_neg),   R(qual_pos),     R(feat_neg),     R(feat_pos),
    R(onb_neg),    R(onb_pos),      R(gen_neg),      R(gen_pos),
    R(gen_mid),    R(ship_xneg),    R(ship_xpos),    R(price_xneg),
    R(price_xpos), R(bill_xneg),    R(bill_xpos),    R(ret_xneg),
    R(ret_xpos),   R(ux_xneg),      R(ux_xpos),      R(bug_xneg),
    R(bug_xpos),   R(perf_xneg),    R(perf_xpos),    R(sup_xneg),
    R(sup_xpos),   R(qual_xneg),    R(qual_xpos),    R(feat_xneg),
    R(feat_xpos),  R(onb_xneg),     R(onb_xpos),     R(gen_xneg),
    R(gen_xpos),   R(open_neg),     R(open_pos),     R(open_mid),
    R(close_neg),  R(close_pos),    R(close_mid),    R(short_neg),
    R(short_pos),  R(short_mid),    R(bul_pos),      R(bul_neg),
    R(blanks),     R(nx_emoji_neg), R(nx_emoji_pos), R(nx_emoji_mid),
    R(nx_acc_neg), R(nx_acc_pos),   R(nx_acc_mid),   R(nx_cur_neg),
    R(nx_cur_pos), R(fr_neg),       R(fr_pos),       R(fr_mid),
    R(fr_sneg),    R(fr_spos),      R(es_neg),       R(es_pos),
    R(es_mid),     R(es_sneg),      R(es_spos),      R(de_neg),
    R(de_pos),     R(de_mid),       R(de_sneg),      R(de_spos),
    R(it_neg),     R(it_pos),       R(it_mid),       R(it_sneg),
    R(it_spos),    R(pt_neg),       R(pt_pos),       R(pt_mid),
    R(pt_sneg),    R(pt_spos),      R(nl_neg),       R(nl_pos),
    R(nl_mid),     R(nl_sneg),      R(nl_spos),      R(zh_neg),
    R(zh_pos),     R(zh_mid),       R(zh_sneg),      R(zh_spos),
    R(ja_neg),     R(ja_pos),       R(ja_mid),       R(ja_sneg),
    R(ja_spos),
};
#undef R
#define NRULES (sizeof RULES / sizeof RULES[0])

enum { G_LIT, G_SEQ, G_ALT, G_REF };

typedef struct {
  uint32_t kind;
  uint32_t n;     /* LIT: length; SEQ/ALT: child count */
  uint32_t first; /* SEQ/ALT: index into g_kids; REF: rule index */
  const char *s;  /* LIT: text (points into the template) */
} gnode;

static gnode *g_nodes;
static uint32_t g_nnodes, g_capnodes;
static uint32_t *g_kids;
static uint32_t g_nkids, g_capkids;
static uint32_t g_rule_node[NRULES];

static _Noreturn void die(const char *msg) {
  fprintf(stderr, "verbatim-gen-corpus: %s\n", msg);
  exit(1);
}

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n);
  if (!q)
    die("out of memory");
  return q;
}

static uint32_t g_new(uint32_t kind, uint32_t n, uint32_t first,
                      const char *s) {
  if (g_nnodes == g_capnodes) {
    g_capnodes = g_capnodes ? g_capnodes * 2 : 1024;
    g_nodes = xrealloc(g_nodes, g_capnodes * sizeof *g_nodes);
  }
  g_nodes[g_nnodes].kind = kind;
  g_nodes[g_nnodes].n = n;
  g_nodes[g_nnodes].first = first;
  g_nodes[g_nnodes].s = s;
  return g_nnodes++;
}

/* Appends children to g_kids contiguously; returns the first index. */
static uint32_t g_put_kids(const uint32_t *k, uint32_t n) {
  uint32_t first = g_nkids, i;
  while (g_nkids + n > g_capkids) {
    g_capkids = g_capkids ? g_capkids * 2 : 4096;
    g_kids = xrealloc(g_kids, g_capkids * sizeof *g_kids);
  }
  for (i = 0; i < n; i++)
    g_kids[g_nkids++] = k[i];
  return first;
}

static uint32_t rule_index(const char *nm, size_t len) {
  uint32_t i;
  for (i = 0; i < NRULES; i++)
    if (strlen(RULES[i].name) == len && memcmp(RULES[i].name, nm, len) == 0)
      return i;
  return UINT32_MAX;
}

static _Noreturn void grammar_error(const char *tmpl, const char *why) {
  fprintf(stderr, "verbatim-gen-corpus: internal grammar error (%s) in: %s\n",
          why, tmpl);
  exit(70);
}

#define MAX_SEQ 64

static uint32_t parse_seq(const char *tmpl, const char **pp);

static uint32_t parse_alt(const char *tmpl, const char **pp) {
  uint32_t kids[MAX_SEQ], nk = 0;
  for (;;) {
    uint32_t k = parse_seq(tmpl, pp);
    if (nk == MAX_SEQ)
      grammar_error(tmpl, "too many alternatives");
    kids[nk++] = k;
    if (**pp == '|') {
      (*pp)++;
      continue;
    }
    if (**pp == '}') {
      (*pp)++;
      break;
    }
    grammar_error(tmpl, "unclosed {");
  }
  if (nk == 1)
    return kids[0];
  return g_new(G_ALT, nk, g_put_kids(kids, nk), NULL);
}

static uint32_t parse_seq(const char *tmpl, const char **pp) {
  uint32_t kids[MAX_SEQ], nk = 0;
  const char *p = *pp;
  for (;;) {
    uint32_t k = 0;
    char c = *p;
    if (c == '\0' || c == '|' || c == '}')
      break;
    if (c == '{') {
      p++;
      k = parse_alt(tmpl, &p);
    } else if (c == '<') {
      const char *e = strchr(p, '>');
      uint32_t ri;
      if (!e)
        grammar_error(tmpl, "unclosed <");
      ri = rule_index(p + 1, (size_t)(e - p - 1));
      if (ri == UINT32_MAX)
        grammar_error(tmpl, "unknown rule");
      k = g_new(G_REF, 0, ri, NULL);
      p = e + 1;
    } else if (c == '>') {
      grammar_error(tmpl, "stray >");
    } else {
      const char *s = p;
      while (*p && *p != '{' && *p != '}' && *p != '|' && *p != '<' &&
             *p != '>')
        p++;
      k = g_new(G_LIT, (uint32_t)(p - s), 0, s);
    }
    if (nk == MAX_SEQ)
      grammar_error(tmpl, "sequence too long");
    kids[nk++] = k;
  }
  *pp = p;
  if (nk == 0)
    return g_new(G_LIT, 0, 0, "");
  if (nk == 1)
    return kids[0];
  return g_new(G_SEQ, nk, g_put_kids(kids, nk), NULL);
}

/* Checks that s is valid UTF-8 (no overlongs, surrogates, > U+10FFFF). */
static int utf8_valid(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t len, k;
    unsigned cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return 0;
    }
    if (i + len > n)
      return 0;
    for (k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += len;
  }
  return 1;
}

/* Rules whose text may contain non-ASCII; all others must be pure ASCII. */
static int rule_may_be_non_ascii(const char *nm) {
  static const char *const prefixes[] = {"nx_", "fr_", "es_", "de_", "it_",
                                         "pt_", "nl_", "zh_", "ja_"};
  size_t i;
  for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (strncmp(nm, prefixes[i], 3) == 0)
      return 1;
  return 0;
}

static void grammar_init(void) {
  uint32_t i;
  for (i = 0; i < NRULES; i++) {
    uint32_t kids[MAX_SEQ * 4], nk = 0;
    const char *const *a;
    for (a = RULES[i].alts; *a; a++) {
      const char *p = *a;
      size_t len = strlen(p);
      if (!utf8_valid((const unsigned char *)p, len))
        grammar_error(p, "invalid UTF-8");
      if (!rule_may_be_non_ascii(RULES[i].name) && has_non_ascii(p, len))
        grammar_error(p, "non-ASCII text in an ASCII-only rule");
      if (nk == sizeof kids / sizeof kids[0])
        grammar_error(p, "too many alternatives in rule");
      kids[nk++] = parse_seq(p, &p);
      if (*p != '\0')
        grammar_error(*a, "unbalanced | or }");
    }
    if (nk == 0)
      grammar_error(RULES[i].name, "empty rule");
    g_rule_node[i] =
        nk == 1 ? kids[0] : g_new(G_ALT, nk, g_put_kids(kids, nk), NULL);
  }
  /* Point children straight at the rules they reference (one dispatch less
   * per reference; rule nodes are never references themselves). */
  for (i = 0; i < g_nkids; i++)
    if (g_nodes[g_kids[i]].kind == G_REF)
      g_kids[i] = g_rule_node[g_nodes[g_kids[i]].first];
}

static void expand_node(rng_t *r, uint32_t ni, sbuf *b) {
  const gnode *g = &g_nodes[ni];
  const gnode *c;
  uint32_t k;
  switch (g->kind) {
  case G_LIT:
    sb_put(b, g->s, g->n);
    break;
  case G_SEQ:
    for (k = 0; k < g->n; k++) {
      c = &g_nodes[g_kids[g->first + k]];
      if (c->kind == G_LIT) /* most children: no call */
        sb_put(b, c->s, c->n);
      else
        expand_node(r, g_kids[g->first + k], b);
    }
    break;
  case G_ALT:
    k = g_kids[g->first + rng_below(r, g->n)];
    c = &g_nodes[k];
    if (c->kind == G_LIT)
      sb_put(b, c->s, c->n);
    else
      expand_node(r, k, b);
    break;
  default: /* G_REF */
    expand_node(r, g_rule_node[g->first], b);
    break;
  }
}

static uint32_t rule_id(const char *nm) {
  uint32_t i = rule_index(nm, strlen(nm));
  if (i == UINT32_MAX)
    grammar_error(nm, "rule lookup");
  return i;
}

static void expand_rule(rng_t *r, uint32_t rule, sbuf *b) {
  expand_node(r, g_rule_node[rule], b);
}

/* Like expand_rule, but avoids the top-level alternatives set in *used (when
 * it can) and records the one it took. */
static void expand_rule_fresh(rng_t *r, uint32_t rule, uint32_t *used,
                              sbuf *b) {
  const gnode *g = &g_nodes[g_rule_node[rule]];
  uint32_t k, tries = 0;
  if (g->kind != G_ALT) {
    expand_node(r, g_rule_node[rule], b);
    return;
  }
  do
    k = rng_below(r, g->n);
  while (k < 32 && (*used >> k & 1u) && ++tries < 8);
  if (k < 32)
    *used |= 1u << k;
  expand_node(r, g_kids[g->first + k], b);
}

/* ------------------------------------------------------------------------ */
/* Comment composition                                                      */
/* ------------------------------------------------------------------------ */

enum { T_NEG, T_POS, T_MID };
enum { C_DET, C_PAS, C_PRO }; /* detractor 0-6, passive 7-8, promoter 9-10 */

/* Each theme has rules <id>_neg, <id>_pos (short statements) and <id>_xneg,
 * <id>_xpos (longer elaborations). */
typedef struct {
  const char *id;
  uint16_t weight;
} theme_def;

static const theme_def THEMES[] = {
    {"ship", 18}, {"price", 12}, {"bill", 7}, {"ret", 6},
    {"ux", 11},   {"bug", 10},   {"perf", 9}, {"sup", 14},
    {"qual", 8},  {"feat", 9},   {"onb", 6},
};
#define NTHEMES (sizeof THEMES / sizeof THEMES[0])
#define THEME_FEATURES 9

typedef struct {
  const char *code;
  uint16_t weight;                    /* share within the non-ASCII path */
  uint16_t region_w[4];               /* NA, EMEA, APAC, LATAM */
  int cjk;                            /* 1: zh, 2: ja */
  uint32_t neg, pos, mid, sneg, spos; /* resolved rule ids */
} lang_def;

static lang_def LANGS[] = {
    {"fr", 8, {20, 80, 0, 0}, 0, 0, 0, 0, 0, 0},
    {"es", 9, {10, 30, 0, 60}, 0, 0, 0, 0, 0, 0},
    {"de", 8, {0, 100, 0, 0}, 0, 0, 0, 0, 0, 0},
    {"it", 5, {0, 100, 0, 0}, 0, 0, 0, 0, 0, 0},
    {"pt", 6, {0, 30, 0, 70}, 0, 0, 0, 0, 0, 0},
    {"nl", 4, {0, 100, 0, 0}, 0, 0, 0, 0, 0, 0},
    {"zh", 3, {5, 0, 95, 0}, 1, 0, 0, 0, 0, 0},
    {"ja", 2, {0, 0, 100, 0}, 2, 0, 0, 0, 0, 0},
};
#define NLANGS (sizeof LANGS / sizeof LANGS[0])
/* Non-ASCII path: English decorated (index NLANGS), emoji-only (NLANGS+1). */
static const uint16_t NX_KIND_W[NLANGS + 2] = {8, 9, 8, 5, 6, 4, 3, 2, 51, 4};

static uint32_t th_neg[NTHEMES], th_pos[NTHEMES], th_xneg[NTHEMES],
    th_xpos[NTHEMES];
static uint32_t R_gen_neg, R_gen_pos, R_gen_mid, R_gen_xneg, R_gen_xpos,
    R_open_neg, R_open_pos, R_open_mid, R_close_neg, R_close_pos, R_close_mid,
    R_short_neg, R_short_pos, R_short_mid, R_bul_pos, R_bul_neg, R_blanks,
    R_emo_neg, R_emo_pos, R_emo_mid, R_acc_neg, R_acc_pos, R_acc_mid, R_cur_neg,
    R_cur_pos;

static void content_init(void) {
  size_t i;
  char buf[32];
  grammar_init();
  for (i = 0; i < NTHEMES; i++) {
    snprintf(buf, sizeof buf, "%s_neg", THEMES[i].id);
    th_neg[i] = rule_id(buf);
    snprintf(buf, sizeof buf, "%s_pos", THEMES[i].id);
    th_pos[i] = rule_id(buf);
    snprintf(buf, sizeof buf, "%s_xneg", THEMES[i].id);
    th_xneg[i] = rule_id(buf);
    snprintf(buf, sizeof buf, "%s_xpos", THEMES[i].id);
    th_xpos[i] = rule_id(buf);
  }
  R_gen_neg = rule_id("gen_neg");
  R_gen_pos = rule_id("gen_pos");
  R_gen_mid = rule_id("gen_mid");
  R_gen_xneg = rule_id("gen_xneg");
  R_gen_xpos = rule_id("gen_xpos");
  R_open_neg = rule_id("open_neg");
  R_open_pos = rule_id("open_pos");
  R_open_mid = rule_id("open_mid");
  R_close_neg = rule_id("close_neg");
  R_close_pos = rule_id("close_pos");
  R_close_mid = rule_id("close_mid");
  R_short_neg = rule_id("short_neg");
  R_short_pos = rule_id("short_pos");
  R_short_mid = rule_id("short_mid");
  R_bul_pos = rule_id("bul_pos");
  R_bul_neg = rule_id("bul_neg");
  R_blanks = rule_id("blanks");
  R_emo_neg = rule_id("nx_emoji_neg");
  R_emo_pos = rule_id("nx_emoji_pos");
  R_emo_mid = rule_id("nx_emoji_mid");
  R_acc_neg = rule_id("nx_acc_neg");
  R_acc_pos = rule_id("nx_acc_pos");
  R_acc_mid = rule_id("nx_acc_mid");
  R_cur_neg = rule_id("nx_cur_neg");
  R_cur_pos = rule_id("nx_cur_pos");
  for (i = 0; i < NLANGS; i++) {
    snprintf(buf, sizeof buf, "%s_neg", LANGS[i].code);
    LANGS[i].neg = rule_id(buf);
    snprintf(buf, sizeof buf, "%s_pos", LANGS[i].code);
    LANGS[i].pos = rule_id(buf);
    snprintf(buf, sizeof buf, "%s_mid", LANGS[i].code);
    LANGS[i].mid = rule_id(buf);
    snprintf(buf, sizeof buf, "%s_sneg", LANGS[i].code);
    LANGS[i].sneg = rule_id(buf);
    snprintf(buf, sizeof buf, "%s_spos", LANGS[i].code);
    LANGS[i].spos = rule_id(buf);
  }
}

static int pick_tone(rng_t *r, int cls, int score, int idx, int prev) {
  uint32_t x = rng_below(r, 100);
  switch (cls) {
  case C_DET:
    if (score >= 0 && score <= 3)
      return x < 92 ? T_NEG : (x < 96 ? T_POS : T_MID);
    return x < 80 ? T_NEG : (x < 92 ? T_POS : T_MID);
  case C_PAS:
    if (idx == 0)
      return x < 50 ? T_POS : (x < 85 ? T_NEG : T_MID);
    if (prev == T_POS)
      return x < 65 ? T_NEG : (x < 90 ? T_POS : T_MID);
    return x < 55 ? T_POS : (x < 85 ? T_NEG : T_MID);
  default:
    return x < 88 ? T_POS : (x < 96 ? T_NEG : T_MID);
  }
}

static uint32_t tone_rule(int tone, uint32_t neg, uint32_t pos, uint32_t mid) {
  return tone == T_NEG ? neg : tone == T_POS ? pos : mid;
}

static int cls_tone(int cls) {
  return cls == C_DET ? T_NEG : cls == C_PRO ? T_POS : T_MID;
}

static int ends_with_punct(const char *s, size_t n) {
  if (n == 0)
    return 0;
  return s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' ||
         s[n - 1] == ':';
}

/* Lower-cases the first letter of s when it is safe ("The" -> "the", but not
 * "I", "I'm", "UPS", "UI"). */
static void lower_first(char *s, size_t n) {
  if (n >= 2 && is_upper(s[0]) && is_lower(s[1]))
    s[0] = to_lower(s[0]);
  else if (n >= 3 && s[0] == 'A' && s[1] == ' ' && is_lower(s[2]))
    s[0] = 'a';
}

#define MAX_SENT 20
#define MAX_COMMENT 560 /* bytes of sentence text; keeps comments <= ~600 */
#define XSTORY_ONLY 12  /* % of theme sentences told only as a story */
#define XSTORY_PCT 55   /* % of theme sentences with a story (incl. only) */

typedef struct {
  size_t off, len;
  int tone;
} span;

enum { P_FORMAL, P_EXCITED, P_CASUAL, P_DOTS };
static const uint16_t PSTYLE_W[] = {62, 13, 18, 7};
static const uint16_t NSENT_W[] = {0, 22, 29, 22, 13, 8, 4, 2};

static const char *end_punct(rng_t *r, int style, int tone) {
  static const char *const any[] = {".", "!", "...", ""};
  if (pct(r, 10))
    return any[rng_below(r, 4)];
  switch (style) {
  case P_EXCITED:
    if (tone == T_MID)
      return ".";
    {
      uint32_t x = rng_below(r, 10);
      return x < 7 ? "!" : x < 9 ? "!!" : "!!!";
    }
  case P_CASUAL:
    return "";
  case P_DOTS:
    return "...";
  default:
    return ".";
  }
}

/* Appends the sentence at sp (text in src) with its punctuation. */
static void put_sentence(sbuf *out, const sbuf *src, const span *sp,
                         const char *punct) {
  sb_put(out, src->p + sp->off, sp->len);
  if (!ends_with_punct(src->p + sp->off, sp->len))
    sb_puts(out, punct);
}

static sbuf s_parts; /* scratch: sentences of the comment being built */

/* Expands one rule into s_parts and records it as a span. */
static int add_part(rng_t *r, uint32_t rule, int tone, span *sp, int *n) {
  size_t start = s_parts.n;
  if (*n >= MAX_SENT)
    return 0;
  expand_rule(r, rule, &s_parts);
  if (s_parts.full || s_parts.n > MAX_COMMENT) {
    s_parts.full = 0;
    s_parts.n = start;
    return 0;
  }
  sp[*n].off = start;
  sp[*n].len = s_parts.n - start;
  sp[*n].tone = tone;
  (*n)++;
  return 1;
}

static void compose_bullets(rng_t *r, int cls, sbuf *out) {
  const char *bullet = pct(r, 75) ? "- " : "* ";
  const char *nl = pct(r, 12) ? "\r\n" : "\n";
  uint32_t i, k;
  if (cls == C_PAS || pct(r, 30)) {
    sb_puts(out, "Pros:");
    for (i = 0, k = 1 + rng_below(r, 3); i < k; i++) {
      sb_puts(out, nl);
      sb_puts(out, bullet);
      expand_rule(r, R_bul_pos, out);
    }
    sb_puts(out, nl);
    sb_puts(out, "Cons:");
    for (i = 0, k = 1 + rng_below(r, 3); i < k; i++) {
      sb_puts(out, nl);
      sb_puts(out, bullet);
      expand_rule(r, R_bul_neg, out);
    }
  } else {
    uint32_t list = cls == C_DET ? R_bul_neg : R_bul_pos;
    uint32_t lead = cls == C_DET ? R_open_neg : R_open_pos;
    expand_rule(r, lead, out);
    sb_puts(out, ":");
    for (i = 0, k = 2 + rng_below(r, 3); i < k; i++) {
      sb_puts(out, nl);
      sb_puts(out, bullet);
      expand_rule(r, list, out);
    }
  }
}

/* Composes an English (ASCII) comment. */
static void compose_english(rng_t *r, int cls, int score, int multiline,
                            sbuf *out) {
  span sp[MAX_SENT];
  int n = 0, i, nsent, style, prev = -1, used_general = 0;
  uint32_t used_themes = 0;
  const char *nl = "\n";
  int has_open = 0, joined = 0;

  if (!multiline && pct(r, 11)) {
    uint32_t x = rng_below(r, 100), rule;
    if (cls == C_DET)
      rule = x < 70 ? R_short_neg : R_short_mid;
    else if (cls == C_PRO)
      rule = x < 75 ? R_short_pos : R_short_mid;
    else
      rule = x < 70 ? R_short_mid : R_short_pos;
    expand_rule(r, rule, out);
    return;
  }
  if (multiline && pct(r, 25)) {
    compose_bullets(r, cls, out);
    return;
  }

  s_parts.n = 0;
  s_parts.full = 0;
  nsent = (int)pick_w(r, NSENT_W, sizeof NSENT_W / sizeof NSENT_W[0]);
  if (multiline && nsent < 2)
    nsent = 2 + (int)rng_below(r, 3);
  style = (int)pick_w(r, PSTYLE_W, sizeof PSTYLE_W / sizeof PSTYLE_W[0]);

  if (pct(r, 18)) {
    int t = cls_tone(cls);
    if (cls == C_PAS && pct(r, 40))
      t = T_POS;
    has_open = add_part(r, tone_rule(t, R_open_neg, R_open_pos, R_open_mid), t,
                        sp, &n);
  }
  for (i = 0; i < nsent; i++) {
    int tone = pick_tone(r, cls, score, i, prev);
    uint32_t rule, story = UINT32_MAX, x;
    if (tone == T_MID) {
      rule = R_gen_mid;
    } else if (!used_general && pct(r, 14) &&
               (tone == T_NEG ? cls == C_DET : cls != C_DET)) {
      rule = tone == T_NEG ? R_gen_neg : R_gen_pos;
      story = tone == T_NEG ? R_gen_xneg : R_gen_xpos;
      used_general = 1;
    } else {
      uint16_t w[NTHEMES];
      uint32_t t, k;
      for (k = 0; k < NTHEMES; k++)
        w[k] = (used_themes & (1u << k)) ? 0 : THEMES[k].weight;
      /* Promoters' rare complaints are mostly wishes for features. */
      if (cls == C_PRO && tone == T_NEG &&
          !(used_themes & (1u << THEME_FEATURES)))
        w[THEME_FEATURES] = (uint16_t)(w[THEME_FEATURES] * 6);
      t = pick_w(r, w, NTHEMES);
      used_themes |= 1u << t;
      rule = tone == T_NEG ? th_neg[t] : th_pos[t];
      story = tone == T_NEG ? th_xneg[t] : th_xpos[t];
    }
    /* A statement, a statement and its elaboration, or just the story.
     * Stories (long) follow the mood of the score: promoters do not tell
     * long complaints, detractors do not tell long praise. */
    if ((cls == C_PRO && tone == T_NEG) || (cls == C_DET && tone == T_POS))
      story = UINT32_MAX;
    x = rng_below(r, 100);
    if (story == UINT32_MAX || x >= XSTORY_ONLY)
      add_part(r, rule, tone, sp, &n);
    if (story != UINT32_MAX && x < XSTORY_PCT)
      add_part(r, story, tone, sp, &n);
    prev = tone;
  }
  if (pct(r, 16)) {
    int t = cls_tone(cls);
    add_part(r, tone_rule(t, R_close_neg, R_close_pos, R_close_mid), t, sp, &n);
  }

  if (multiline) {
    uint32_t x = rng_below(r, 100);
    nl = x < 50 ? "\n" : x < 88 ? "\n\n" : "\r\n";
  }

  for (i = 0; i < n; i++) {
    const char *punct = end_punct(r, style, sp[i].tone);
    int last = i == n - 1;
    if (i == 0 && has_open && !last && pct(r, 35)) {
      static const char *const op[] = {":", "...", " -", "!"};
      punct = op[rng_below(r, 4)];
    }
    if (!last && !multiline && sp[i].tone != T_MID && sp[i + 1].tone != T_MID &&
        sp[i].tone != sp[i + 1].tone && !(i == 0 && has_open) && !joined &&
        !ends_with_punct(s_parts.p + sp[i].off, sp[i].len) && pct(r, 40)) {
      static const char *const joins[] = {", but ", ", but ", ", but ",
                                          " but ",  ". But ", ", although "};
      const char *j = joins[rng_below(r, 6)];
      sb_put(out, s_parts.p + sp[i].off, sp[i].len);
      sb_puts(out, j);
      lower_first(s_parts.p + sp[i + 1].off, sp[i + 1].len);
      joined = 1;
      continue;
    }
    joined = 0;
    if (last && style == P_FORMAL && sp[i].tone != T_MID && pct(r, 3))
      punct = sp[i].tone == T_NEG ? " :(" : " :)";
    if (last && style == P_CASUAL && pct(r, 30))
      punct = ".";
    put_sentence(out, &s_parts, &sp[i], punct);
    if (!last) {
      if (multiline) {
        sb_puts(out, nl);
      } else if (style == P_CASUAL && punct[0] == '\0' &&
                 !ends_with_punct(out->p, out->n)) {
        static const char *const seps[] = {", ", ", ", " ", " - ", ". "};
        const char *sep = seps[rng_below(r, 5)];
        sb_puts(out, sep);
        if (sep[0] != '.')
          lower_first(s_parts.p + sp[i + 1].off, sp[i + 1].len);
      } else {
        sb_putc(out, ' ');
      }
    }
  }
  if (style == P_CASUAL && pct(r, 60)) {
    size_t k;
    for (k = 0; k < out->n; k++)
      out->p[k] = to_lower(out->p[k]);
  }
}

/* ---- typos -------------------------------------------------------------- */

typedef struct {
  const char *from, *to;
  uint8_t pct;
} typo_def;

static const typo_def TYPOS[] = {
    {"delivery", "delivary", 60},
    {"deliveries", "delivaries", 60},
    {"received", "recieved", 70},
    {"receive", "recieve", 70},
    {"the", "teh", 8},
    {"so", "sooo", 60},
    {"slow", "sloooow", 25},
    {"didn't", "didnt", 70},
    {"doesn't", "doesnt", 70},
    {"don't", "dont", 70},
    {"can't", "cant", 70},
    {"won't", "wont", 60},
    {"isn't", "isnt", 60},
    {"wasn't", "wasnt", 60},
    {"haven't", "havent", 60},
    {"I'm", "im", 50},
    {"it's", "its", 60},
    {"It's", "Its", 60},
    {"I've", "ive", 50},
    {"definitely", "definately", 70},
    {"separate", "seperate", 70},
    {"package", "pakage", 30},
    {"support", "suport", 20},
    {"expensive", "expencive", 35},
    {"because", "becuase", 40},
    {"really", "realy", 40},
    {"until", "untill", 50},
    {"useful", "usefull", 50},
    {"subscription", "subscribtion", 35},
    {"customer", "costumer", 30},
    {"address", "adress", 50},
    {"tracking", "traking", 30},
    {"refund", "refnud", 15},
    {"experience", "experiance", 45},
    {"you", "u", 30},
    {"your", "ur", 30},
    {"please", "pls", 40},
    {"thanks", "thx", 40},
    {"minutes", "mins", 40},
    {"cancel", "cancle", 30},
    {"arrived", "arived", 30},
    {"already", "allready", 40},
    {"which", "wich", 40},
    {"their", "there", 40},
    {"probably", "prolly", 30},
    {"with", "w/", 12},
    {"great", "gr8", 8},
    {"weeks", "wks", 20},
    {"terrible", "terible", 35},
    {"annoying", "anoying", 50},
};
#define NTYPOS (sizeof TYPOS / sizeof TYPOS[0])

/* Entries of TYPOS grouped by length (in table order within a length):
 * g_typo_idx[g_typo_start[L] .. g_typo_start[L + 1]) have length L. */
#define TYPO_MAXLEN 32
static uint8_t g_typo_idx[NTYPOS];
static uint8_t g_typo_start[TYPO_MAXLEN + 1];

static void typos_init(void) {
  size_t k, l, n = 0;
  for (l = 0; l < TYPO_MAXLEN; l++) {
    g_typo_start[l] = (uint8_t)n;
    for (k = 0; k < NTYPOS; k++)
      if (strlen(TYPOS[k].from) == l)
        g_typo_idx[n++] = (uint8_t)k;
  }
  g_typo_start[TYPO_MAXLEN] = (uint8_t)n;
  if (n != NTYPOS)
    die("internal error: typo entry too long");
}

static int is_word_char(char c) { return is_alpha(c) || c == '\''; }

/* Applies word typos from TYPOS and maybe one swapped-letters slip. */
static void apply_typos(rng_t *r, const sbuf *in, sbuf *out) {
  size_t i = 0, n = in->n;
  const char *s = in->p;
  int swapped = 0, want_swap = pct(r, 35);
  out->n = 0;
  out->full = 0;
  while (i < n) {
    size_t j, k;
    if (!is_word_char(s[i])) {
      sb_putc(out, s[i++]);
      continue;
    }
    j = i;
    while (j < n && is_word_char(s[j]))
      j++;
    k = NTYPOS;
    if (j - i < TYPO_MAXLEN) {
      size_t e, fl = j - i;
      for (e = g_typo_start[fl]; e < g_typo_start[fl + 1]; e++) {
        const char *from = TYPOS[g_typo_idx[e]].from;
        /* "delivery" and "Delivery" -> "delivary", "Delivary" */
        if (to_lower(s[i]) == to_lower(from[0]) &&
            (s[i] == from[0] || is_upper(s[i])) &&
            memcmp(from + 1, s + i + 1, fl - 1) == 0) {
          k = g_typo_idx[e];
          break;
        }
      }
    }
    if (k < NTYPOS && pct(r, TYPOS[k].pct)) {
      size_t at = out->n;
      sb_puts(out, TYPOS[k].to);
      if (is_upper(s[i]) && at < out->n)
        out->p[at] = to_upper(out->p[at]);
    } else if (!swapped && want_swap && j - i >= 5 && pct(r, 25)) {
      size_t at = out->n, p;
      sb_put(out, s + i, j - i);
      p = at + 1 + rng_below(r, (uint32_t)(j - i - 2));
      if (p + 1 < out->n && is_lower(out->p[p]) && is_lower(out->p[p + 1])) {
        char t = out->p[p];
        out->p[p] = out->p[p + 1];
        out->p[p + 1] = t;
        swapped = 1;
      }
    } else {
      sb_put(out, s + i, j - i);
    }
    i = j;
  }
}

static void to_caps_rant(rng_t *r, sbuf *c) {
  size_t k;
  for (k = 0; k < c->n; k++)
    c->p[k] = to_upper(c->p[k]);
  while (c->n > 0 && (c->p[c->n - 1] == '.' || c->p[c->n - 1] == ' '))
    c->n--;
  if (pct(r, 70))
    sb_puts(c, pct(r, 50) ? "!!!" : "!!");
}

/* ---- non-ASCII decorations --------------------------------------------- */

/* Appends sentence rule to c (at the end, or at the start via tmp). */
static void insert_sentence(rng_t *r, uint32_t rule, sbuf *c, sbuf *tmp) {
  if (c->n > 0 && pct(r, 35)) {
    tmp->n = 0;
    tmp->full = 0;
    expand_rule(r, rule, tmp);
    if (!ends_with_punct(tmp->p, tmp->n))
      sb_puts(tmp, pct(r, 80) ? "." : "!");
    sb_putc(tmp, ' ');
    sb_put(tmp, c->p, c->n);
    if (!tmp->full) {
      memcpy(c->p, tmp->p, tmp->n);
      c->n = tmp->n;
    }
    return;
  }
  if (c->n > 0) {
    if (!ends_with_punct(c->p, c->n))
      sb_putc(c, '.');
    sb_putc(c, ' ');
  }
  expand_rule(r, rule, c);
  if (!ends_with_punct(c->p, c->n) && pct(r, 60))
    sb_putc(c, '.');
}

/* iOS-style smart punctuation: ' -> ’, "x" -> “x”, " - " -> " — ", ... -> … */
static int smart_punct(rng_t *r, sbuf *c, sbuf *tmp) {
  size_t i;
  int open = 1, changed = 0;
  const char *dash = pct(r, 60) ? " \xE2\x80\x94 " : " \xE2\x80\x93 ";
  tmp->n = 0;
  tmp->full = 0;
  for (i = 0; i < c->n; i++) {
    char ch = c->p[i];
    if (ch == '\'') {
      sb_puts(tmp, "\xE2\x80\x99");
      changed = 1;
    } else if (ch == '"') {
      sb_puts(tmp, open ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
      open = !open;
      changed = 1;
    } else if (ch == ' ' && i + 2 < c->n && c->p[i + 1] == '-' &&
               c->p[i + 2] == ' ') {
      sb_puts(tmp, dash);
      i += 2;
      changed = 1;
    } else if (ch == '.' && i + 2 < c->n && c->p[i + 1] == '.' &&
               c->p[i + 2] == '.') {
      sb_puts(tmp, "\xE2\x80\xA6");
      i += 2;
      changed = 1;
    } else {
      sb_putc(tmp, ch);
    }
  }
  if (changed && !tmp->full) {
    memcpy(c->p, tmp->p, tmp->n);
    c->n = tmp->n;
    return 1;
  }
  return 0;
}

/* Rewrites one ASCII word of c in full-width letters (Ｓｌｏｗ). */
static int fullwidth_word(rng_t *r, sbuf *c, sbuf *tmp) {
  size_t i, nwords = 0, pick, w = 0;
  for (i = 0; i < c->n;) {
    size_t j = i;
    while (j < c->n && is_alpha(c->p[j]))
      j++;
    if (j - i >= 3 && j - i <= 10)
      nwords++;
    i = j > i ? j : i + 1;
  }
  if (nwords == 0)
    return 0;
  pick = rng_below(r, (uint32_t)nwords);
  tmp->n = 0;
  tmp->full = 0;
  for (i = 0; i < c->n;) {
    size_t j = i;
    while (j < c->n && is_alpha(c->p[j]))
      j++;
    if (j == i) {
      sb_putc(tmp, c->p[i++]);
      continue;
    }
    if (j - i >= 3 && j - i <= 10 && w++ == pick) {
      size_t k;
      for (k = i; k < j; k++) {
        unsigned cp = 0xFEE0u + (unsigned char)c->p[k];
        char u[3];
        u[0] = (char)0xEF;
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        sb_put(tmp, u, 3);
      }
    } else {
      sb_put(tmp, c->p + i, j - i);
    }
    i = j;
  }
  if (tmp->full)
    return 0;
  memcpy(c->p, tmp->p, tmp->n);
  c->n = tmp->n;
  return 1;
}

static void add_emoji(rng_t *r, int tone, sbuf *c, sbuf *tmp) {
  uint32_t rule = tone_rule(tone, R_emo_neg, R_emo_pos, R_emo_mid);
  uint32_t x = rng_below(r, 100);
  if (c->n > 0 && x < 12) { /* at the start */
    tmp->n = 0;
    tmp->full = 0;
    expand_rule(r, rule, tmp);
    sb_putc(tmp, ' ');
    sb_put(tmp, c->p, c->n);
    if (!tmp->full) {
      memcpy(c->p, tmp->p, tmp->n);
      c->n = tmp->n;
    }
    return;
  }
  if (c->n > 0 && x < 30 && c->p[c->n - 1] == '.')
    c->n--; /* emoji instead of the full stop */
  if (c->n > 0 && x < 80)
    sb_putc(c, ' ');
  expand_rule(r, rule, c);
}

static void decorate_non_ascii(rng_t *r, int cls, sbuf *c, sbuf *tmp) {
  int tone = cls_tone(cls);
  if (pct(r, 20))
    insert_sentence(r, tone_rule(tone, R_acc_neg, R_acc_pos, R_acc_mid), c,
                    tmp);
  if (cls != C_PAS && pct(r, 8))
    insert_sentence(r, cls == C_DET ? R_cur_neg : R_cur_pos, c, tmp);
  if (pct(r, 45))
    smart_punct(r, c, tmp);
  if (pct(r, 7))
    fullwidth_word(r, c, tmp);
  if (pct(r, 38) || !has_non_ascii(c->p, c->n))
    add_emoji(r, tone, c, tmp);
}

/* ---- other languages ---------------------------------------------------- */

static void compose_foreign(rng_t *r, const lang_def *L, int cls, int score,
                            sbuf *c, sbuf *tmp) {
  int i, n, prev = -1;
  uint32_t used[3] = {0, 0, 0};
  static const uint16_t nw[] = {0, 50, 35, 15};
  if (pct(r, 14)) {
    uint32_t rule;
    if (cls == C_DET)
      rule = L->sneg;
    else if (cls == C_PRO)
      rule = L->spos;
    else
      rule = pct(r, 50) ? L->mid : (pct(r, 50) ? L->spos : L->sneg);
    expand_rule(r, rule, c);
  } else {
    n = (int)pick_w(r, nw, 4);
    for (i = 0; i < n; i++) {
      int tone = pick_tone(r, cls, score, i, prev);
      uint32_t rule = tone_rule(tone, L->neg, L->pos, L->mid);
      size_t start = c->n;
      if (i > 0) {
        if (L->cjk == 1) {
          sb_puts(c, pct(r, 75) ? "\xEF\xBC\x8C" : "\xE3\x80\x82"); /* ，。 */
        } else if (L->cjk == 2) {
          sb_puts(c, "\xE3\x80\x82"); /* 。 */
        } else if (pct(r, 20) && !ends_with_punct(c->p, c->n)) {
          sb_puts(c, ", ");
        } else {
          if (!ends_with_punct(c->p, c->n))
            sb_putc(c, '.');
          sb_putc(c, ' ');
        }
      }
      start = c->n;
      expand_rule_fresh(r, rule, &used[tone], c);
      if (i > 0 && !L->cjk && c->p[start - 2] == ',')
        lower_first(c->p + start, c->n - start);
      prev = tone;
    }
    if (!ends_with_punct(c->p, c->n)) {
      uint32_t x = rng_below(r, 100);
      if (L->cjk == 1)
        sb_puts(c, x < 50 ? "\xE3\x80\x82" : x < 65 ? "\xEF\xBC\x81" : "");
      else if (L->cjk == 2)
        sb_puts(c, x < 55 ? "\xE3\x80\x82" : x < 65 ? "\xEF\xBC\x81" : "");
      else if (x < 60)
        sb_putc(c, '.');
      else if (x < 75)
        sb_puts(c, (L->code[0] == 'f' && pct(r, 60)) ? "\xC2\xA0!" : "!");
      else if (x < 80)
        sb_puts(c, "\xE2\x80\xA6");
    }
  }
  if (!has_non_ascii(c->p, c->n) || pct(r, 10)) {
    if (memchr(c->p, '\'', c->n) && pct(r, 50))
      smart_punct(r, c, tmp);
    else
      add_emoji(r, cls_tone(cls), c, tmp);
  }
}

/* ------------------------------------------------------------------------ */
/* Rows and CSV output                                                      */
/* ------------------------------------------------------------------------ */

#define OBUF_CAP (1u << 20)
static char *g_obuf;
static size_t g_olen;
static FILE *g_out;
static int g_oerr;

static void out_flush(void) {
  if (g_olen && fwrite(g_obuf, 1, g_olen, g_out) != g_olen)
    g_oerr = 1;
  g_olen = 0;
}

static void out_put(const char *s, size_t n) {
  if (g_olen + n > OBUF_CAP)
    out_flush();
  memcpy(g_obuf + g_olen, s, n);
  g_olen += n;
}

/* One CSV field, quoted only when it holds a comma, quote, CR or LF. */
static void out_field(const char *s, size_t n) {
  const char *q, *end = s + n;
  char *o;
  if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
      !memchr(s, '\r', n)) {
    out_put(s, n);
    return;
  }
  if (g_olen + 2 * n + 2 > OBUF_CAP)
    out_flush();
  o = g_obuf + g_olen;
  *o++ = '"';
  while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
    memcpy(o, s, (size_t)(q - s + 1));
    o += q - s + 1;
    *o++ = '"'; /* double the quote */
    s = q + 1;
  }
  memcpy(o, s, (size_t)(end - s));
  o += end - s;
  *o++ = '"';
  g_olen = (size_t)(o - g_obuf);
}

static const char *const REGIONS[] = {"NA", "EMEA", "APAC", "LATAM"};
static const uint16_t REGION_W[] = {44, 30, 16, 10};
static const char *const PLANS[] = {"free", "pro", "business", "enterprise"};
static const uint16_t PLAN_W[] = {38, 33, 20, 9};
/* Per mille: 25% detractors, 30% passives, 45% promoters. */
static const uint16_t SCORE_W[] = {25,  10,  12,  18,  25, 60,
                                   100, 125, 175, 195, 255};

#define NDATES 731 /* 2024-01-01 .. 2025-12-31 */
static char g_dates[NDATES][10];

static void dates_init(void) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y, m, d, k = 0;
  for (y = 2024; y <= 2025; y++)
    for (m = 1; m <= 12; m++) {
      int md = mdays[m - 1] + (m == 2 && y % 4 == 0 ? 1 : 0);
      for (d = 1; d <= md; d++) {
        char *p = g_dates[k++];
        p[0] = (char)('0' + y / 1000);
        p[1] = (char)('0' + y / 100 % 10);
        p[2] = (char)('0' + y / 10 % 10);
        p[3] = (char)('0' + y % 10);
        p[4] = '-';
        p[5] = (char)('0' + m / 10);
        p[6] = (char)('0' + m % 10);
        p[7] = '-';
        p[8] = (char)('0' + d / 10);
        p[9] = (char)('0' + d % 10);
      }
    }
  if (k != NDATES)
    die("internal error: date table");
}

typedef struct {
  uint64_t rows, seed;
  uint32_t non_ascii_ppb, empty_ppb;
  const char *out_path;
} config;

static sbuf s_com, s_tmp;

static void gen_row(rng_t *r, uint64_t id, const config *cfg) {
  char line[64];
  size_t n = 0, k;
  char digits[24];
  int nd = 0, score, cls, region;
  uint32_t date, plan;
  uint64_t v = id;

  date = rng_below(r, NDATES);
  region = (int)pick_w(r, REGION_W, 4);
  plan = pick_w(r, PLAN_W, 4);
  score = (int)pick_w(r, SCORE_W, 11);
  cls = score <= 6 ? C_DET : score <= 8 ? C_PAS : C_PRO;
  if (rng_below(r, 1000) < 10)
    score = -1; /* unscored; the comment keeps the drawn mood */

  s_com.n = 0;
  s_com.full = 0;
  if (ppb_hit(r, cfg->empty_ppb)) {
    /* empty comment */
  } else if (rng_below(r, 1000) < 6) {
    expand_rule(r, R_blanks, &s_com);
  } else {
    int multiline = rng_below(r, 1000) < 10;
    int nonascii = ppb_hit(r, cfg->non_ascii_ppb);
    uint32_t kind = NLANGS; /* English */
    if (nonascii && !multiline)
      kind = pick_w(r, NX_KIND_W, NLANGS + 2);
    if (kind < NLANGS) {
      const lang_def *L = &LANGS[kind];
      compose_foreign(r, L, cls, score, &s_com, &s_tmp);
      region = (int)pick_w(r, L->region_w, 4);
    } else if (kind == NLANGS + 1) {
      int tone = cls_tone(cls);
      expand_rule(r, tone_rule(tone, R_emo_neg, R_emo_pos, R_emo_mid), &s_com);
      if (pct(r, 25))
        expand_rule(r, tone_rule(tone, R_emo_neg, R_emo_pos, R_emo_mid),
                    &s_com);
    } else {
      uint32_t caps =
          cls == C_DET ? (score >= 0 && score <= 4 ? 50u : 20u) : 3u;
      compose_english(r, cls, score, multiline, &s_com);
      if (pct(r, 7)) {
        apply_typos(r, &s_com, &s_tmp);
        if (!s_tmp.full) {
          memcpy(s_com.p, s_tmp.p, s_tmp.n);
          s_com.n = s_tmp.n;
        }
      }
      if (rng_below(r, 1000) < caps)
        to_caps_rant(r, &s_com);
      if (nonascii)
        decorate_non_ascii(r, cls, &s_com, &s_tmp);
      if (rng_below(r, 1000) < 8) { /* stray leading/trailing space */
        if (pct(r, 50)) {
          sb_putc(&s_com, ' ');
        } else if (s_com.n + 1 <= SB_CAP) {
          memmove(s_com.p + 1, s_com.p, s_com.n);
          s_com.p[0] = ' ';
          s_com.n++;
        }
      }
    }
  }

  /* id,date,region,plan,score, */
  line[n++] = 'r';
  do {
    digits[nd++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  for (k = (size_t)nd; k < 6; k++)
    line[n++] = '0';
  while (nd > 0)
    line[n++] = digits[--nd];
  line[n++] = ',';
  memcpy(line + n, g_dates[date], 10);
  n += 10;
  line[n++] = ',';
  k = strlen(REGIONS[region]);
  memcpy(line + n, REGIONS[region], k);
  n += k;
  line[n++] = ',';
  k = strlen(PLANS[plan]);
  memcpy(line + n, PLANS[plan], k);
  n += k;
  line[n++] = ',';
  if (score >= 10) {
    line[n++] = '1';
    line[n++] = '0';
  } else if (score >= 0) {
    line[n++] = (char)('0' + score);
  }
  line[n++] = ',';
  out_put(line, n);
  out_field(s_com.p, s_com.n);
  out_put("\n", 1);
}

/* ------------------------------------------------------------------------ */
/* Command line                                                             */
/* ------------------------------------------------------------------------ */

static const char USAGE[] =
    "usage: verbatim-gen-corpus [--rows N] [--seed S] [--non-ascii FRACTION]\n"
    "                           [--empty FRACTION] [-o FILE]\n"
    "\n"
    "Writes a deterministic synthetic NPS survey corpus as CSV (RFC 4180, LF\n"
    "line endings) with the columns id,date,region,plan,score,comment.\n"
    "\n"
    "  --rows N              data rows to write (default 5000)\n"
    "  --seed S              PRNG seed, 0 .. 2^64-1 (default 42)\n"
    "  --non-ascii FRACTION  share of non-blank comments with non-ASCII text:\n"
    "                        other languages, emoji, smart quotes, accents,\n"
    "                        full-width letters (default 0.10)\n"
    "  --empty FRACTION      share of rows with an empty comment (default "
    "0.04)\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  -h, --help            show this help\n"
    "\n"
    "FRACTION is a decimal number from 0 to 1 (e.g. 0.1, .25, 1).  The same\n"
    "arguments always give byte-identical output; the first N rows do not\n"
    "depend on --rows.\n";

/* Prints "verbatim-gen-corpus: <pre>'<arg>'<post> (see --help)"; returns 2. */
static int usage_error(const char *pre, const char *arg, const char *post) {
  fprintf(stderr, "verbatim-gen-corpus: %s'%s'%s (see --help)\n", pre, arg,
          post);
  return 2;
}

static int parse_u64(const char *s, uint64_t *out) {
  uint64_t v = 0;
  if (!*s)
    return 0;
  for (; *s; s++) {
    unsigned d;
    if (*s < '0' || *s > '9')
      return 0;
    d = (unsigned)(*s - '0');
    if (v > (UINT64_MAX - d) / 10)
      return 0;
    v = v * 10 + d;
  }
  *out = v;
  return 1;
}

/* Parses a decimal fraction in [0, 1] into parts per billion, exactly (digits
 * beyond the ninth decimal are truncated). */
static int parse_fraction(const char *s, uint32_t *ppb) {
  uint64_t ip = 0, fp = 0;
  int nint = 0, nfrac = 0;
  while (*s >= '0' && *s <= '9') {
    if (ip < 10)
      ip = ip * 10 + (uint64_t)(*s - '0');
    s++;
    nint++;
  }
  if (*s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') {
      if (nfrac < 9)
        fp = fp * 10 + (uint64_t)(*s - '0');
      else if (*s != '0' && ip >= 1)
        return 0; /* 1.0000000001 */
      s++;
      nfrac++;
    }
  }
  if (*s != '\0' || (nint == 0 && nfrac == 0))
    return 0;
  while (nfrac < 9) {
    fp *= 10;
    nfrac++;
  }
  if (ip > 1 || (ip == 1 && fp != 0))
    return 0;
  *ppb = (uint32_t)(ip * 1000000000u + fp);
  return 1;
}

int main(int argc, char **argv) {
  config cfg;
  rng_t rng;
  uint64_t i;
  int a;

  cfg.rows = 5000;
  cfg.seed = 42;
  cfg.non_ascii_ppb = 100000000u;
  cfg.empty_ppb = 40000000u;
  cfg.out_path = NULL;

  for (a = 1; a < argc; a++) {
    const char *arg = argv[a], *val = NULL, *eq;
    char opt[32];
    size_t olen;
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(USAGE, stdout);
      return fflush(stdout) == 0 ? 0 : 1;
    }
    if (arg[0] != '-' || arg[1] == '\0')
      return usage_error("unexpected argument ", arg, "");
    eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    olen = eq ? (size_t)(eq - arg) : strlen(arg);
    if (olen >= sizeof opt)
      return usage_error("unknown option ", arg, "");
    memcpy(opt, arg, olen);
    opt[olen] = '\0';
    if (strcmp(opt, "--rows") && strcmp(opt, "--seed") &&
        strcmp(opt, "--non-ascii") && strcmp(opt, "--empty") &&
        strcmp(opt, "-o") && strcmp(opt, "--output"))
      return usage_error("unknown option ", arg, "");
    if (eq) {
      val = eq + 1;
    } else {
      if (a + 1 >= argc)
        return usage_error("option ", opt, " needs a value");
      val = argv[++a];
    }
    if (strcmp(opt, "--rows") == 0) {
      if (!parse_u64(val, &cfg.rows) || cfg.rows > UINT64_C(1000000000000))
        return usage_error("--rows: ", val,
                           " is not a whole number from 0 to 10^12");
    } else if (strcmp(opt, "--seed") == 0) {
      if (!parse_u64(val, &cfg.seed))
        return usage_error("--seed: ", val,
                           " is not a whole number from 0 to 2^64-1");
    } else if (strcmp(opt, "--non-ascii") == 0) {
      if (!parse_fraction(val, &cfg.non_ascii_ppb))
        return usage_error("--non-ascii: ", val,
                           " is not a fraction from 0 to 1");
    } else if (strcmp(opt, "--empty") == 0) {
      if (!parse_fraction(val, &cfg.empty_ppb))
        return usage_error("--empty: ", val, " is not a fraction from 0 to 1");
    } else {
      if (!*val)
        return usage_error("empty file name for ", opt, "");
      cfg.out_path = val;
    }
  }

  content_init();
  typos_init();
  dates_init();
  g_obuf = malloc(OBUF_CAP);
  if (!g_obuf)
    die("out of memory");
  if (cfg.out_path) {
    g_out = fopen(cfg.out_path, "wb");
    if (!g_out) {
      fprintf(stderr, "verbatim-gen-corpus: cannot open '%s': %s\n",
              cfg.out_path, strerror(errno));
      return 1;
    }
  } else {
    g_out = stdout;
  }

  rng_seed(&rng, cfg.seed);
  out_put("id,date,region,plan,score,comment\n", 34);
  for (i = 1; i <= cfg.rows && !g_oerr; i++)
    gen_row(&rng, i, &cfg);
  out_flush();
  if (fflush(g_out) != 0 || ferror(g_out))
    g_oerr = 1;
  if (cfg.out_path && fclose(g_out) != 0)
    g_oerr = 1;
  if (g_oerr) {
    fprintf(stderr, "verbatim-gen-corpus: write error on %s: %s\n",
            cfg.out_path ? cfg.out_path : "standard output", strerror(errno));
    return 1;
  }
  free(g_obuf);
  return 0;
}
