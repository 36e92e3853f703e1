/**
 * The contract between the matcher's TypeScript (src/core/matching/matcher.ts, matcherTables.ts, regions.ts) and its
 * WebAssembly kernel (this folder), in one place: both sides import these constants, so neither keeps a copy
 * of its own. Written in the subset of TypeScript that AssemblyScript also compiles (integer constants, no
 * types): AssemblyScript reads each as an i32, TypeScript as a number.
 *
 * The kernel exports every constant (assembly/kernel.ts), and test/unit/kernelContract.test.ts compares the
 * compiled kernel's values with these: a kernel not rebuilt after a change here fails it.
 */

// ---------------------------------------------------------------------------------------- memory layout

/** Where the header starts in the kernel's memory: one 32-bit number per slot (HEADER_SLOTS of them). */
export const HEADER_AT = 1024;

/** Header slots available before RESULT_AT. */
export const HEADER_SLOTS = 32;

/**
 * Where each scan writes its result: [mentions written, 1 if it stopped early because an output area is full
 * (call again from its return value), skipped ranges written].
 */
export const RESULT_AT = HEADER_AT + 4 * HEADER_SLOTS;

/** The kernel's own memos: code spans (Markdown, 32 run lengths of 16 bytes). */
export const CODE_MEMO_AT = 4096;

/** The kernel's own memos: `\end{…}` searches (LaTeX), 12 bytes per slot of the name table (NAME_SLOTS_MAX). */
export const END_MEMO_AT = 8192;

/** The kernel's own area: the mentions a collecting walk passed (Chinese rules), 8 pairs of 8 bytes. */
export const ACC_AT = 61440;

/** Where the matcher lays out the tables, after the kernel's own areas. */
export const TABLES_AT = 65536;

/** The most slots the LaTeX name table may have (END_MEMO_AT's area holds a memo per slot). */
export const NAME_SLOTS_MAX = 4096;

// ---------------------------------------------------------------------------------------- header slots
// The slot of each table's address (or number) in the header, read by init() in assembly/text.ts and
// written by layoutKernel in src/core/matching/matcher.ts.

export const SLOT_FOLD = 0;
export const SLOT_FOLD_TEX = 1;
export const SLOT_FOLD_CS = 2;
export const SLOT_CLS_PLAIN = 3;
export const SLOT_CLS_MD = 4;
export const SLOT_CLS_TEX = 5;
export const SLOT_ROOT = 6;
export const SLOT_NODES = 7;
export const SLOT_CHAIN = 8;
export const SLOT_EDGES = 9;
export const SLOT_DENSE = 10;
export const SLOT_OUT_LIST = 11;
export const SLOT_PAT_FLAGS = 12;
export const SLOT_PAT_CS = 13;
export const SLOT_CS_POOL = 14;
export const SLOT_WORD_BITS = 15;
export const SLOT_WORD_SLOTS = 16;
/** A number: the word table's slot count minus one. */
export const SLOT_WORD_MASK = 17;
export const SLOT_WORD_POOL = 18;
export const SLOT_OUT = 19;
/** A number: how many mentions the output area holds. */
export const SLOT_OUT_CAP = 20;
export const SLOT_SKIPS = 21;
/** A number: how many skipped ranges their area holds. */
export const SLOT_SKIPS_CAP = 22;
export const SLOT_NAME_SLOTS = 23;
/** A number: the name table's slot count minus one. */
export const SLOT_NAME_MASK = 24;
export const SLOT_NAME_POOL = 25;
/** The number of slots. */
export const SLOT_COUNT = 26;

// ---------------------------------------------------------------------------------------- character classes
// One byte per code unit in each class table (cls, clsMd, clsTex).

/** A word character. */
export const CLS_WORD = 1;
/** A construct of the language may begin here (the Markdown and LaTeX tables only). */
export const CLS_SPECIAL = 2;
/** A term may start here anywhere, not only at a word start (CJK and symbols). */
export const CLS_START_ANYWHERE = 4;
/** Ignorable inside a word (zero-width characters). */
export const CLS_IGNORABLE = 8;
/** Whitespace. */
export const CLS_SPACE = 16;

/** What the fold tables map an ignorable character to, and every kind of whitespace to. */
export const FOLD_IGNORABLE = 0;
export const FOLD_SPACE = 0x20;

// ---------------------------------------------------------------------------------------- the trie

/** Numbers per trie node: [info, pattern or first output, only child's key or first edge, dense row or -1]. */
export const NODE_WORDS = 4;
/** A node's info: its output count in the low bits (this value: the count is in outList before its outputs). */
export const NODE_MANY_OUTPUTS = 0xfff;
/** A node's info: its single pattern's flags, shifted by this. */
export const NODE_FLAGS_SHIFT = 12;
/** A node's info: its child count, shifted by this. */
export const NODE_CHILDREN_SHIFT = 16;
/** Dense transition rows: one per busy node, over the ASCII code units. */
export const DENSE_ROW = 128;

/** A pattern's flags: its last character is a word character, so a match needs a word boundary after it. */
export const PAT_BOUNDARY_END = 1;
/** A pattern's flags: it is case-sensitive (compared with its form in csPool). */
export const PAT_CASE = 2;

/** Numbers per word table slot: [length (0 = empty), hash, node, start in wordPool, 8 code units inline]. */
export const WORD_SLOT_WORDS = 8;
/** Code units of a first word kept in its slot. */
export const WORD_INLINE = 8;
/** The word filter: one bit per hash value mod 2^16, in this many 32-bit numbers. */
export const WORD_BITS_WORDS = 2048;

/** Numbers per LaTeX name table slot: [length (0 = empty), hash, kinds, start in the pool]. */
export const NAME_SLOT_WORDS = 4;

// ---------------------------------------------------------------------------------------- LaTeX name kinds

/** The command's first argument is skipped (a key, label, path or colour). */
export const NAME_SKIP_ONE_ARGUMENT = 1;
/** The command's first two arguments are skipped (\newcommand). */
export const NAME_SKIP_TWO_ARGUMENTS = 2;
/** A verbatim command (\verb, \lstinline). */
export const NAME_VERBATIM_COMMAND = 4;
/** A math environment. */
export const NAME_MATH_ENVIRONMENT = 8;
/** A verbatim environment. */
export const NAME_VERBATIM_ENVIRONMENT = 16;

// ---------------------------------------------------------------------------------------- the tables' check
// What checkTables (assembly/tableCheck.ts) finds in a tables file's body.

export const TABLES_OK = 0;
/** A trie node's child, edge list or dense row is outside the tables. */
export const TABLES_BAD_NODES = 1;
/** An edge or a dense transition leads outside the trie. */
export const TABLES_BAD_EDGES = 2;
/** A node's outputs are outside the output list, or name a pattern that does not exist. */
export const TABLES_BAD_OUTPUTS = 3;
/** A case-sensitive form lies outside its pool. */
export const TABLES_BAD_CASE_FORMS = 4;
/** A first word's node or characters are outside the tables, or the word table has no free slot. */
export const TABLES_BAD_WORD_SLOTS = 5;

// ---------------------------------------------------------------------------------------- output

/** Numbers per mention in the output area: [start, end, pattern]. */
export const MENTION_WORDS = 3;
/** Numbers per skipped range: [start, end]. */
export const SKIP_WORDS = 2;
