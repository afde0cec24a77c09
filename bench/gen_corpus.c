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

static uint64_t rotl64(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

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
static int pct(rng_t *r, uint32_t p) {
  return rng_below(r, 100) < p;
}

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

static void sb_puts(sbuf *b, const char *s) {
  sb_put(b, s, strlen(s));
}

static void sb_putc(sbuf *b, char c) {
  sb_put(b, &c, 1);
}

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
static const char *const ndays[] = {
    "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "16", "18",
    "21", "23", "30", NULL};
static const char *const nmin[] = {"20", "25", "30", "40", "45", "50", "55",
                                   "60", "75", "90", NULL};
static const char *const money[] = {"$9", "$12", "$15", "$19", "$25", "$29",
                                    "$39", "$49", "$79", "$99", "$149", "$299",
                                    NULL};
static const char *const pctup[] = {"10%", "15%", "20%", "25%", "30%", "40%",
                                    "50%", NULL};
static const char *const pkg[] = {"package", "parcel", "order", "box",
                                  "shipment", "delivery", NULL};
static const char *const Courier[] = {
    "The courier", "The driver", "The delivery driver", "UPS", "FedEx", "DHL",
    "USPS", "The carrier", "The delivery company", "The delivery guy", NULL};
static const char *const courier[] = {
    "the courier", "the driver", "the delivery driver", "UPS", "FedEx", "DHL",
    "USPS", "the carrier", "the delivery company", "the delivery guy", NULL};
static const char *const App[] = {
    "The app", "The website", "The site", "The dashboard", "The portal",
    "The mobile app", "The web app", "The platform", "The desktop app",
    "The iOS app", "The Android app", NULL};
static const char *const app[] = {
    "the app", "the website", "the site", "the dashboard", "the portal",
    "the mobile app", "the web app", "the platform", "the desktop app", NULL};
static const char *const thing[] = {
    "device", "unit", "product", "charger", "headset", "case", "scale",
    "camera", "speaker", "keyboard", "thermostat", "sensor", NULL};
static const char *const feat[] = {
    "dark mode", "offline mode", "bulk editing", "CSV export", "API access",
    "single sign-on", "two-factor authentication", "calendar sync",
    "custom reports", "multi-currency support", "recurring orders",
    "shared folders", "scheduled exports", "a family plan", "team accounts",
    "an audit log", "keyboard shortcuts", "a Linux app", "Excel export",
    "better notifications", "a proper search", NULL};
static const char *const integ[] = {
    "Slack", "Salesforce", "Google Calendar", "Outlook", "Shopify",
    "QuickBooks", "Zapier", "HubSpot", "Jira", "Google Sheets", "Xero",
    "Microsoft Teams", NULL};
static const char *const name[] = {"Sarah", "Mike", "Priya", "Tom", "Ana",
                                   "Kevin", "Jess", "Omar", "Lisa", "Dan",
                                   "Chloe", "Raj", "Maria", "Ben", NULL};
static const char *const when[] = {
    "last week", "two weeks ago", "a month ago", "in March", "since January",
    "three weeks ago", "back in October", "before Christmas", NULL};
static const char *const ntimes[] = {"two", "three", "four", "five", "2",
                                     "3", "4", "5", NULL};
static const char *const wait[] = {
    "<nmin> minutes", "over an hour", "almost two hours", "an hour and a half",
    "{forty-five|forty} minutes", "what felt like forever", NULL};
static const char *const Intens[] = {"Really", "Very", "Super", "So",
                                     "Incredibly", "Extremely", "Pretty",
                                     "Way too", NULL};

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
    "{Prices|Pricing} keep{s|} going up{ every year| while the service gets "
    "worse|}",
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
    "Still waiting on a refund {from|since} <when>",
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
    "{Never had|Haven't had|Not a single} billing {issue|problem|mistake}",
    "{Easy|Simple} to {change plans|cancel or pause the "
    "subscription|update my payment method}",
    "They {fixed|refunded} a {double charge|billing mistake} {right "
    "away|immediately|the same day}",
    "{Renewal|Subscription renewal} reminders {are|come} {clear|on time|a "
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
    "{Returns|Returning stuff} {are|is} {easy|painless|hassle-free}",
    "{Exchanged|Swapped} {the wrong size|a faulty unit} {with no questions "
    "asked|in a few days|without any hassle}",
    "{Return label|The prepaid return label} {came|arrived} {right away|in my "
    "inbox within minutes}",
    "{Free|Easy} returns {are|is} {the reason I keep ordering|a big plus}",
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
    "{Menus|The menus|Settings|The settings} {are|is} {buried|hidden} {three "
    "levels deep|under too many clicks|in random places}",
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
    "{Bug|Reported a bug|Bug reported} {months|weeks} ago{ and| but} still "
    "not fixed",
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
    "{Never|Not once} {slow|laggy}{, even with thousands of records|}",
    NULL};

/* Support. */
static const char *const sup_neg[] = {
    "{Customer service|Support|Customer support|Your support team} "
    "{is|was} {useless|terrible|unhelpful|a joke|nonexistent}",
    "{Was|I was|Been} on hold for <wait>",
    "{Waited|Had to wait} {<nmin> minutes|an hour|ages|forever} {for|to talk "
    "to} {an agent|someone|a human}",
    "{My|The} ticket {is still|has been} {open|unresolved|ignored} {for|after} "
    "{two weeks|<ndays> days|a month}",
    "{Support|Agents|The agents} {just|only} {copy paste|send} {canned "
    "responses|the same FAQ link|scripted answers}",
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
    "{Ticket|My ticket} {unresolved|still unresolved} after <when>",
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
    "{The build quality|Quality|Build quality} {is|has gone} {poor|terrible|"
    "downhill|not what it used to be}",
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
    "{Features|Key features|Basic features} {are|got} {locked behind|moved "
    "to} the {enterprise|business|pro} plan",
    "{They|You} {removed|took away|killed} {the feature I used most|offline "
    "mode|the old reports}",
    "{Reporting|Reports} {is|are} {very basic|too limited|useless for our "
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
    "{The documentation|Docs|The docs|The manual|The instructions} {are|is} "
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
    "{Setup|Setting it up|Installation|Getting started} {was|took} {a "
    "breeze|super easy|five minutes|quick and painless|straightforward}",
    "{Onboarding|The onboarding|The getting started guide|The tutorial} "
    "{was|is} {great|really helpful|clear|excellent}",
    "{The docs|The documentation|The help center} {is|are} {clear|thorough|"
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
    "{Terrible|Awful|Horrible|Worst} {experience|service|company}{| ever|}",
    "{Not|Definitely not|Would not} recommend{| to anyone}",
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
    "Best {app|service|purchase} {I've|we've} {used|made} {in years|this "
    "year}",
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

/* Openers and closers. */
static const char *const open_neg[] = {
    "Where do I start", "Honestly, pretty disappointed", "Not happy",
    "Used to love this company", "This was my {first|last} order",
    "I'll keep it short", "Frustrating experience", "Long story short",
    "Been a customer for {two|three|five} years and this is the worst it's "
    "been",
    NULL};
static const char *const open_pos[] = {
    "Love it", "Great experience overall", "Long time customer here",
    "Been using it for {two|three|five} years", "So far so good",
    "Very happy overall", "Honestly, no complaints", "Short version: great",
    NULL};
static const char *const open_mid[] = {
    "Mixed feelings", "Overall ok", "Hard to say", "Some good, some bad",
    "Pretty average experience", "It's fine I guess", NULL};
static const char *const close_neg[] = {
    "Fix it{| please}", "{Will|Going to|About to} cancel{| my subscription| "
    "soon}", "Won't be ordering again", "Not recommending this to anyone",
    "Do better", "Very disappointed", "Switching to a competitor{| next "
    "month}", "Would give zero if I could", "Sort it out",
    NULL};
static const char *const close_pos[] = {
    "Would recommend", "Keep up the good work", "Thanks", "Thank you{| so "
    "much}", "10/10", "Five stars", "Will definitely order again",
    "Already recommended it to {friends|my team|coworkers}",
    NULL};
static const char *const close_mid[] = {
    "That's it", "Otherwise fine", "Otherwise ok",
    "Fix that and it's a 10", "Would be a 10 if {the price was "
    "lower|shipping was faster|the app didn't crash}",
    "Still thinking about renewing", "Not a 10 because of {the price|the "
    "delivery times|the bugs|support}",
    NULL};

/* Whole short comments. */
static const char *const short_neg[] = {
    "bad", "terrible", "Terrible.", "awful", "meh", "Disappointed",
    "not good", "Horrible service", "Do better.", "Fix it", "No", "why",
    "cancel my account", "Expensive", "slow", "bugs", "WORST EVER",
    "useless", "Nope", "too expensive", "late again", "crashes", "Meh.",
    "Not great", "Bad support", NULL};
static const char *const short_pos[] = {
    "love it", "Love it!", "great", "Great!", "awesome", "Excellent",
    "perfect", "Very happy", "So far so good", "Keep it up!", "Best app ever",
    "10/10", "A+", "Thanks!", "works great", "No complaints", "Amazing!!!",
    "Great service", "good", "Good app", "easy", "Fast shipping", NULL};
static const char *const short_mid[] = {
    "ok", "OK", "Ok", "fine", "Fine.", "good", "Good", "n/a", "N/A", "na",
    "no comment", "No comment", "nothing", "Nothing to add", "-", ".",
    "none", "idk", "all good", "It's fine", "same as last time",
    "see previous survey", "too many surveys", "Stop sending me surveys",
    "nothing in particular", "no", "?", "Not sure", "average", "It's ok",
    NULL};

/* Bullet items for multi-line lists. */
static const char *const bul_pos[] = {
    "fast shipping", "easy setup", "great support", "fair price",
    "easy to use", "reliable", "good build quality", "quick refunds",
    "nice design", "{Slack|Outlook|Shopify} integration", NULL};
static const char *const bul_neg[] = {
    "slow app", "billing errors", "expensive", "late deliveries",
    "crashes on {Android|iOS|startup}", "support takes days to reply",
    "confusing menus", "no <feat>", "returns are a pain",
    "broke after {a week|a month}", "long wait times", NULL};

/* Whitespace-only comments. */
static const char *const blanks[] = {" ", "  ", "   ", "\t", " \t ", " \n",
                                     NULL};

/* ------------------------------------------------------------------------ */
/* Content: non-ASCII decorations for English comments                      */
/* ------------------------------------------------------------------------ */

static const char *const nx_emoji_neg[] = {
    "\xF0\x9F\x98\xA1", "\xF0\x9F\x98\xA4", "\xF0\x9F\x91\x8E",
    "\xF0\x9F\x99\x84", "\xF0\x9F\x98\x9E", "\xF0\x9F\xA4\xAC",
    "\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1",
    "\xF0\x9F\x91\x8E\xF0\x9F\x91\x8E", "\xF0\x9F\x92\xA9",
    "\xF0\x9F\xA4\xA6\xE2\x80\x8D\xE2\x99\x80\xEF\xB8\x8F", /* facepalm ZWJ */
    "\xF0\x9F\x98\xA0", "\xF0\x9F\x98\xA9", NULL};
static const char *const nx_emoji_pos[] = {
    "\xF0\x9F\x91\x8D", "\xF0\x9F\x99\x8F", "\xE2\x9D\xA4\xEF\xB8\x8F",
    "\xF0\x9F\x98\x8D", "\xF0\x9F\x9A\x80", "\xF0\x9F\x94\xA5",
    "\xF0\x9F\x91\x8C", "\xF0\x9F\x98\x8A",
    "\xE2\xAD\x90\xE2\xAD\x90\xE2\xAD\x90\xE2\xAD\x90\xE2\xAD\x90",
    "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBB", "\xF0\x9F\x99\x8F\xF0\x9F\x8F\xBD",
    "\xF0\x9F\x91\x8D\xF0\x9F\x91\x8D", "\xF0\x9F\x8E\x89", NULL};
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
    "The premium fa\xC3\xA7" "ade falls apart once you need support",
    "We run a small caf\xC3\xA9 and the app crashes every lunch rush",
    "Sent them my whole r\xC3\xA9sum\xC3\xA9 of tickets, nothing fixed",
    "Our Z\xC3\xBCrich office still has no invoices for <when>",
    NULL};
static const char *const nx_acc_pos[] = {
    "Perfect for our little caf\xC3\xA9",
    "We use it at the caf\xC3\xA9 every day and it just works",
    "Shout out to Jos\xC3\xA9 from support",
    "Zo\xC3\xAB in customer service was fantastic",
    "Ren\xC3\xA9" "e on the chat fixed it in minutes",
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
    "Fran\xC3\xA7oise in support was nice, the product is just ok",
    NULL};
/* Currency signs. */
static const char *const nx_cur_neg[] = {
    "Paying \xE2\x82\xAC{29|39|49|79} a month for this?",
    "Went from \xC2\xA3{9|12} to \xC2\xA3{15|19} a month overnight",
    "\xE2\x82\xAC{12|15|20} shipping on a \xE2\x82\xAC{25|30} order is a joke",
    "Charged \xC2\xA3{49|99} twice and still no refund",
    "\xC2\xA5{1200|3000} more than last year for the same plan",
    NULL};
static const char *const nx_cur_pos[] = {
    "Worth every \xE2\x82\xAC",
    "Great value at \xC2\xA3{5|9|12} a month",
    "Only \xE2\x82\xAC{4|7|9} a month and it does everything I need",
    "Best \xC2\xA3{20|30|50} I've spent this year",
    NULL};

/* ------------------------------------------------------------------------ */
/* Content: other languages                                                 */
/* ------------------------------------------------------------------------ */

/* French */
static const char *const fr_neg[] = {
    "{Livraison|La livraison} {en retard|tr\xC3\xA8s en retard|beaucoup trop "
    "lente}{| comme d'habitude| encore une fois}",
    "Le colis est arriv\xC3\xA9 {ab\xC3\xAEm\xC3\xA9|endommag\xC3\xA9|ouvert|"
    "compl\xC3\xA8tement \xC3\xA9" "cras\xC3\xA9}",
    "{Colis jamais re\xC3\xA7u|Mon colis n'est toujours pas arriv\xC3\xA9 "
    "apr\xC3\xA8s <ndays> jours|Colis perdu par le transporteur}",
    "{Trop cher|Beaucoup trop cher|Hors de prix} pour ce que c'est",
    "{Le prix a encore augment\xC3\xA9|Encore une hausse de prix}{| sans "
    "pr\xC3\xA9venir|, c'est abus\xC3\xA9}",
    "{J'ai \xC3\xA9t\xC3\xA9|On m'a} {d\xC3\xA9" "bit\xC3\xA9|factur\xC3\xA9} "
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
    "{Le produit|L'appareil} {s'est cass\xC3\xA9|a l\xC3\xA2" "ch\xC3\xA9} "
    "apr\xC3\xA8s {une semaine|deux semaines|un mois}",
    "{Qualit\xC3\xA9 m\xC3\xA9" "diocre|Mat\xC3\xA9riaux bon "
    "march\xC3\xA9|Finition tr\xC3\xA8s moyenne}",
    "{Impossible|Tr\xC3\xA8s difficile} de {retourner l'article|faire un "
    "\xC3\xA9" "change|obtenir une \xC3\xA9tiquette de retour}",
    "{L'installation|La configuration|La mise en route} {a pris des "
    "heures|est un cauchemar|est trop compliqu\xC3\xA9" "e}",
    "{Il manque|Toujours pas de} {l'export CSV|mode sombre|mode hors ligne|"
    "synchronisation avec Outlook}",
    "{Message d'erreur|Erreur} \xC3\xA0 chaque connexion",
    "49\xC2\xA0\xE2\x82\xAC par mois, c'est {beaucoup trop|abusé|du vol}",
    NULL};
static const char *const fr_pos[] = {
    "{Livraison rapide|Livr\xC3\xA9 en deux jours|Livraison ultra rapide}{| et "
    "colis bien emball\xC3\xA9|, rien \xC3\xA0 redire}",
    "{Tr\xC3\xA8s bon|Excellent} rapport qualit\xC3\xA9-prix",
    "{Service client|Le service client|Le support} {au top|tr\xC3\xA8s "
    "r\xC3\xA9" "actif|super sympa|efficace}",
    "{Application|L'application|L'appli} {facile \xC3\xA0 utiliser|tr\xC3\xA8s "
    "intuitive|rapide et fiable}",
    "{Produit|Appareil} {de tr\xC3\xA8s bonne qualit\xC3\xA9|solide|robuste}{| "
    "et bien fini}",
    "{Aucun probl\xC3\xA8me|Jamais eu de probl\xC3\xA8me} {avec la "
    "livraison|de facturation|avec le support}",
    "{Pas cher du tout|Prix tr\xC3\xA8s correct|Tarif raisonnable}",
    "{Installation|Mise en route} {en cinq minutes|tr\xC3\xA8s simple|sans "
    "souci}",
    "{Je recommande|Je recommande vivement|Je recommande \xC3\xA0 100\xC2\xA0%}",
    "{Tr\xC3\xA8s satisfait|Tr\xC3\xA8s satisfaite|Ravie|Ravi}{| de mon "
    "achat| du service}",
    "{Retour|\xC3\x89" "change} {simple et rapide|sans probl\xC3\xA8me}",
    NULL};
static const char *const fr_mid[] = {
    "{Correct|\xC3\x87" "a va|Pas mal}{| dans l'ensemble|, sans plus}",
    "{Bien|Bon produit} mais {un peu cher|la livraison est lente|l'appli "
    "bugue parfois}",
    NULL};
static const char *const fr_sneg[] = {"Bof", "Nul", "D\xC3\xA9\xC3\xA7u",
                                      "D\xC3\xA9\xC3\xA7ue",
                                      "Tr\xC3\xA8s d\xC3\xA9\xC3\xA7u", NULL};
static const char *const fr_spos[] = {"Tr\xC3\xA8s bien", "Parfait", "RAS",
                                      "G\xC3\xA9nial", "Super\xC2\xA0!", NULL};

/* Spanish */
static const char *const es_neg[] = {
    "{Env\xC3\xADo|El env\xC3\xADo} {tard\xC3\xADo|muy lento|tard\xC3\xB3 "
    "<ndays> d\xC3\xAD" "as|lleg\xC3\xB3 una semana tarde}",
    "{El paquete|Mi pedido} lleg\xC3\xB3 {da\xC3\xB1" "ado|roto|abierto|"
    "aplastado}",
    "{Mi pedido|El paquete} {nunca lleg\xC3\xB3|todav\xC3\xAD" "a no ha "
    "llegado|se perdi\xC3\xB3}",
    "{Demasiado caro|Muy caro|Car\xC3\xADsimo}{| para lo que ofrece| para lo "
    "que es}",
    "{Subieron el precio|El precio subi\xC3\xB3} {otra vez|sin avisar|un 30%}",
    "Me {cobraron|han cobrado} dos veces{| este mes| el mismo pedido}",
    "{El reembolso|Mi reembolso} {nunca lleg\xC3\xB3|tard\xC3\xB3 un mes|sigue "
    "pendiente}",
    "La atenci\xC3\xB3n al cliente {es p\xC3\xA9sima|no responde|no sirve "
    "para nada}",
    "El soporte {no responde|tarda d\xC3\xAD" "as en contestar|no resuelve "
    "nada}",
    "{Una hora|Cuarenta minutos|Media hora} esperando {al tel\xC3\xA9" "fono|en "
    "el chat}{| y nadie me atendi\xC3\xB3}",
    "{La aplicaci\xC3\xB3n|La app|La web} {se cuelga|falla|se cierra sola} "
    "{constantemente|todo el tiempo|cada dos por tres}",
    "{La interfaz es confusa|El men\xC3\xBA es confuso|Es poco intuitiva}",
    "Se rompi\xC3\xB3 {a la semana|al mes|a los pocos d\xC3\xAD" "as}",
    "{Mala calidad|Material barato|Calidad p\xC3\xA9sima}",
    "Hacer una devoluci\xC3\xB3n es {imposible|un infierno|muy complicado}",
    "{La configuraci\xC3\xB3n|La instalaci\xC3\xB3n} {es un l\xC3\xADo|"
    "tard\xC3\xB3 horas|es muy complicada}",
    "{Falta|Le falta} {exportar a Excel|el modo oscuro|integraci\xC3\xB3n con "
    "Google Calendar}",
    "Muy lenta, tarda {mucho|una eternidad} en cargar",
    NULL};
static const char *const es_pos[] = {
    "{Env\xC3\xADo r\xC3\xA1pido|Lleg\xC3\xB3 en dos d\xC3\xAD" "as|Entrega "
    "rapid\xC3\xADsima}{| y bien empaquetado|, todo perfecto}",
    "{Buena|Excelente|Muy buena} relaci\xC3\xB3n calidad-precio",
    "{La atenci\xC3\xB3n al cliente es excelente|El soporte es muy "
    "r\xC3\xA1pido|Me atendieron enseguida}",
    "{Muy f\xC3\xA1" "cil de usar|F\xC3\xA1" "cil de usar e intuitiva|Muy "
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
static const char *const es_spos[] = {"Bien", "Excelente", "Genial",
                                      "Perfecto", "\xC2\xA1Genial!", NULL};

/* German */
static const char *const de_neg[] = {
    "{Lieferung kam|Die Lieferung kam|Paket kam} {zu sp\xC3\xA4t|viel zu "
    "sp\xC3\xA4t|eine Woche zu sp\xC3\xA4t}",
    "{Das Paket war besch\xC3\xA4" "digt|Der Karton kam besch\xC3\xA4" "digt "
    "an|Das Paket war v\xC3\xB6llig zerdr\xC3\xBC" "ckt}",
    "{Paket nie angekommen|Meine Bestellung ist nach <ndays> Tagen immer noch "
    "nicht da}",
    "{Viel zu teuer|Zu teuer|\xC3\x9C" "berteuert}{| f\xC3\xBCr das, was man "
    "bekommt| f\xC3\xBCr den Funktionsumfang}",
    "{Die Preiserh\xC3\xB6hung ist eine Frechheit|Schon wieder eine "
    "Preiserh\xC3\xB6hung ohne Ank\xC3\xBCndigung}",
    "{Doppelt abgebucht|Mir wurde doppelt abgebucht|Zweimal belastet}{| und "
    "keine Erstattung| und niemand reagiert}",
    "{Die R\xC3\xBC" "ckerstattung|Meine R\xC3\xBC" "ckerstattung} {dauert "
    "ewig|kam nie an|hat drei Wochen gedauert}",
    "{Der Kundenservice|Der Support|Die Hotline} {ist unerreichbar|antwortet "
    "nicht|ist eine Katastrophe|hilft \xC3\xBC" "berhaupt nicht}",
    "{Eine Stunde|45 Minuten|Zwanzig Minuten} in der Warteschleife{| und "
    "dann aufgelegt| ohne Ergebnis}",
    "{Die App|Die Anwendung|Die Webseite} {st\xC3\xBCrzt st\xC3\xA4ndig ab|ist "
    "extrem langsam|h\xC3\xA4ngt sich dauernd auf}",
    "{Die Bedienung|Die Oberfl\xC3\xA4" "che|Das Men\xC3\xBC} ist "
    "{un\xC3\xBC" "bersichtlich|verwirrend|umst\xC3\xA4ndlich}",
    "Nach {einer Woche|zwei Wochen|einem Monat} kaputt{| gegangen}",
    "{Billiges Material|Schlechte Verarbeitung|Die Qualit\xC3\xA4t ist mies}",
    "{Die R\xC3\xBC" "cksendung ist viel zu kompliziert|Der Umtausch hat ewig "
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
    "{Einfach zu bedienen|Sehr intuitiv|\xC3\x9C" "bersichtlich und schnell}",
    "{Sehr gute Qualit\xC3\xA4t|Hochwertig verarbeitet|Robust und langlebig}",
    "{Keine Probleme|Nie Probleme} mit {der Lieferung|der Abrechnung|dem "
    "Support}",
    "{\xC3\x9C" "berhaupt nicht teuer|Fairer Preis|G\xC3\xBCnstig und "
    "zuverl\xC3\xA4ssig}",
    "{Einrichtung in f\xC3\xBCnf Minuten|Die Einrichtung war "
    "kinderleicht|Schnell eingerichtet}",
    "{Klare Empfehlung|Kann ich nur empfehlen|Absolut empfehlenswert}",
    "{Sehr zufrieden|Rundum zufrieden|Bin begeistert}",
    "R\xC3\xBC" "cksendung {war problemlos|ging schnell und einfach}",
    NULL};
static const char *const de_mid[] = {
    "{Ganz okay|Passt schon|In Ordnung}{| soweit|, nichts Besonderes}",
    "{Gutes Produkt|Ganz gut}, aber {etwas teuer|die Lieferung dauert zu "
    "lange|die App h\xC3\xA4ngt manchmal}",
    NULL};
static const char *const de_sneg[] = {"Schlecht", "Naja", "Entt\xC3\xA4uscht",
                                      "Mangelhaft", NULL};
static const char *const de_spos[] = {"Gut", "Alles gut", "Super", "Prima",
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
static const char *const it_spos[] = {"Bene", "Ottimo", "Perfetto",
                                      "Tutto ok", NULL};

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
    "{\xC3\x93timo|Excelente|Bom} custo-benef\xC3\xAD" "cio",
    "{Atendimento excelente|O suporte foi muito atencioso|Atendimento nota "
    "10}",
    "{Muito f\xC3\xA1" "cil de usar|F\xC3\xA1" "cil e intuitivo|Super "
    "intuitivo}",
    "{\xC3\x93tima qualidade|Produto resistente|Muito bem feito}",
    "{Nenhum problema|Nunca tive problema} com {a entrega|a cobran\xC3\xA7" "a|"
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
static const char *const pt_spos[] = {"Bom", "\xC3\x93timo", "Show",
                                      "Adorei", NULL};

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
static const char *const nl_sneg[] = {"Slecht", "Matig", "Teleurgesteld",
                                      NULL};
static const char *const nl_spos[] = {"Prima", "Top", "Goed", "Geweldig",
                                      NULL};

/* Chinese (clauses; joined with a full-width comma) */
static const char *const zh_neg[] = {
    "\xE9\x80\x81\xE8\xB4\xA7\xE5\xA4\xAA\xE6\x85\xA2\xE4\xBA\x86", /* 送货太慢了 */
    "\xE5\xBF\xAB\xE9\x80\x92\xE5\xA4\xAA\xE6\x85\xA2\xE4\xBA\x86", /* 快递太慢了 */
    /* 包裹到的时候已经破了 */
    "\xE5\x8C\x85\xE8\xA3\xB9\xE5\x88\xB0\xE7\x9A\x84\xE6\x97\xB6\xE5\x80\x99"
    "\xE5\xB7\xB2\xE7\xBB\x8F\xE7\xA0\xB4\xE4\xBA\x86",
    /* 等了<ndays>天才到 */
    "\xE7\xAD\x89\xE4\xBA\x86<ndays>\xE5\xA4\xA9\xE6\x89\x8D\xE5\x88\xB0",
    /* 客服也不回复 */
    "\xE5\xAE\xA2\xE6\x9C\x8D\xE4\xB9\x9F\xE4\xB8\x8D\xE5\x9B\x9E\xE5\xA4\x8D",
    /* 客服态度很差 */
    "\xE5\xAE\xA2\xE6\x9C\x8D\xE6\x80\x81\xE5\xBA\xA6\xE5\xBE\x88\xE5\xB7\xAE",
    "\xE4\xBB\xB7\xE6\xA0\xBC\xE5\xA4\xAA\xE8\xB4\xB5\xE4\xBA\x86", /* 价格太贵了 */
    "\xE5\x8F\x88\xE6\xB6\xA8\xE4\xBB\xB7\xE4\xBA\x86",             /* 又涨价了 */
    /* 被重复扣款了 */
    "\xE8\xA2\xAB\xE9\x87\x8D\xE5\xA4\x8D\xE6\x89\xA3\xE6\xAC\xBE\xE4\xBA\x86",
    /* 退款一直没到账 */
    "\xE9\x80\x80\xE6\xAC\xBE\xE4\xB8\x80\xE7\x9B\xB4\xE6\xB2\xA1\xE5\x88\xB0"
    "\xE8\xB4\xA6",
    /* 退货太麻烦了 */
    "\xE9\x80\x80\xE8\xB4\xA7\xE5\xA4\xAA\xE9\xBA\xBB\xE7\x83\xA6\xE4\xBA\x86",
    /* 应用老是闪退 */
    "\xE5\xBA\x94\xE7\x94\xA8\xE8\x80\x81\xE6\x98\xAF\xE9\x97\xAA\xE9\x80\x80",
    "\xE5\x8A\xA0\xE8\xBD\xBD\xE5\xA4\xAA\xE6\x85\xA2",             /* 加载太慢 */
    "\xE7\x95\x8C\xE9\x9D\xA2\xE5\xBE\x88\xE9\x9A\xBE\xE7\x94\xA8", /* 界面很难用 */
    /* 质量太差，用了一周就坏了 */
    "\xE8\xB4\xA8\xE9\x87\x8F\xE5\xA4\xAA\xE5\xB7\xAE\xEF\xBC\x8C\xE7\x94\xA8"
    "\xE4\xBA\x86\xE4\xB8\x80\xE5\x91\xA8\xE5\xB0\xB1\xE5\x9D\x8F\xE4\xBA\x86",
    /* 安装太复杂了 */
    "\xE5\xAE\x89\xE8\xA3\x85\xE5\xA4\xAA\xE5\xA4\x8D\xE6\x9D\x82\xE4\xBA\x86",
    /* 缺少导出功能 */
    "\xE7\xBC\xBA\xE5\xB0\x91\xE5\xAF\xBC\xE5\x87\xBA\xE5\x8A\x9F\xE8\x83\xBD",
    /* APP经常报错 */
    "APP\xE7\xBB\x8F\xE5\xB8\xB8\xE6\x8A\xA5\xE9\x94\x99",
    NULL};
static const char *const zh_pos[] = {
    "\xE9\x80\x81\xE8\xB4\xA7\xE5\xBE\x88\xE5\xBF\xAB",             /* 送货很快 */
    "\xE7\x89\xA9\xE6\xB5\x81\xE5\xBE\x88\xE5\xBF\xAB",             /* 物流很快 */
    "\xE5\x8C\x85\xE8\xA3\x85\xE5\xBE\x88\xE5\xA5\xBD",             /* 包装很好 */
    "\xE5\xAE\xA2\xE6\x9C\x8D\xE5\xBE\x88\xE8\x80\x90\xE5\xBF\x83", /* 客服很耐心 */
    "\xE6\x80\xA7\xE4\xBB\xB7\xE6\xAF\x94\xE5\xBE\x88\xE9\xAB\x98", /* 性价比很高 */
    "\xE5\xBE\x88\xE5\xA5\xBD\xE7\x94\xA8",                         /* 很好用 */
    "\xE7\x95\x8C\xE9\x9D\xA2\xE7\xAE\x80\xE6\xB4\x81",             /* 界面简洁 */
    "\xE8\xB4\xA8\xE9\x87\x8F\xE4\xB8\x8D\xE9\x94\x99",             /* 质量不错 */
    /* 没有任何问题 */
    "\xE6\xB2\xA1\xE6\x9C\x89\xE4\xBB\xBB\xE4\xBD\x95\xE9\x97\xAE\xE9\xA2\x98",
    "\xE6\x8E\xA8\xE8\x8D\x90",                                     /* 推荐 */
    "\xE9\x9D\x9E\xE5\xB8\xB8\xE6\xBB\xA1\xE6\x84\x8F",             /* 非常满意 */
    NULL};
static const char *const zh_mid[] = {
    "\xE8\xBF\x98\xE8\xA1\x8C",                         /* 还行 */
    "\xE4\xB8\x80\xE8\x88\xAC\xE8\x88\xAC",             /* 一般般 */
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
    "\xE5\xA4\xA7\xE6\xBA\x80\xE8\xB6\xB3\xE3\x81\xA7\xE3\x81\x99",
    NULL};
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
    "\xE6\xBA\x80\xE8\xB6\xB3", /* 満足 */
    "\xE6\x9C\x80\xE9\xAB\x98\xE3\x81\xA7\xE3\x81\x99", NULL}; /* 最高です */

/* ------------------------------------------------------------------------ */
/* Rule table and grammar compiler                                          */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *name;
  const char *const *alts;
} rule_def;

#define R(id) {#id, id}
static const rule_def RULES[] = {
    R(ndays), R(nmin), R(money), R(pctup), R(pkg), R(Courier), R(courier),
    R(App), R(app), R(thing), R(feat), R(integ), R(name), R(when), R(ntimes),
    R(wait), R(Intens),
    R(ship_neg), R(ship_pos), R(price_neg), R(price_pos), R(bill_neg),
    R(bill_pos), R(ret_neg), R(ret_pos), R(ux_neg), R(ux_pos), R(bug_neg),
    R(bug_pos), R(perf_neg), R(perf_pos), R(sup_neg), R(sup_pos),
    R(qual_neg), R(qual_pos), R(feat_neg), R(feat_pos), R(onb_neg),
    R(onb_pos), R(gen_neg), R(gen_pos), R(gen_mid), R(open_neg), R(open_pos),
    R(open_mid), R(close_neg), R(close_pos), R(close_mid), R(short_neg),
    R(short_pos), R(short_mid), R(bul_pos), R(bul_neg), R(blanks),
    R(nx_emoji_neg), R(nx_emoji_pos), R(nx_emoji_mid), R(nx_acc_neg),
    R(nx_acc_pos), R(nx_acc_mid), R(nx_cur_neg), R(nx_cur_pos),
    R(fr_neg), R(fr_pos), R(fr_mid), R(fr_sneg), R(fr_spos),
    R(es_neg), R(es_pos), R(es_mid), R(es_sneg), R(es_spos),
    R(de_neg), R(de_pos), R(de_mid), R(de_sneg), R(de_spos),
    R(it_neg), R(it_pos), R(it_mid), R(it_sneg), R(it_spos),
    R(pt_neg), R(pt_pos), R(pt_mid), R(pt_sneg), R(pt_spos),
    R(nl_neg), R(nl_pos), R(nl_mid), R(nl_sneg), R(nl_spos),
    R(zh_neg), R(zh_pos), R(zh_mid), R(zh_sneg), R(zh_spos),
    R(ja_neg), R(ja_pos), R(ja_mid), R(ja_sneg), R(ja_spos),
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

static void die(const char *msg) {
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

static void grammar_error(const char *tmpl, const char *why) {
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
    uint32_t k;
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
    g_rule_node[i] = nk == 1 ? kids[0]
                             : g_new(G_ALT, nk, g_put_kids(kids, nk), NULL);
  }
}

static void expand_node(rng_t *r, uint32_t ni, sbuf *b) {
  const gnode *g = &g_nodes[ni];
  uint32_t k;
  switch (g->kind) {
  case G_LIT:
    sb_put(b, g->s, g->n);
    break;
  case G_SEQ:
    for (k = 0; k < g->n; k++)
      expand_node(r, g_kids[g->first + k], b);
    break;
  case G_ALT:
    expand_node(r, g_kids[g->first + rng_below(r, g->n)], b);
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
