package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian"
	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// MaxFileSize is the largest article file read; larger ones are skipped.
const MaxFileSize = 4 << 20

// ErrNoArticles means a corpus folder holds no readable article.
var ErrNoArticles = errors.New("no readable articles")

// Corpus is the set of articles read from a folder, in file-name order.
type Corpus struct {
	// Articles lists every article in file-name order. In a corpus opened
	// from an on-disk snapshot they carry their metadata only (no
	// Sentences or Quotes): Article(id) reads the text.
	Articles []*Article
	Warnings []string          // one line per skipped or repaired file
	hashes   map[string]string // content hash per article; nil until read when manifest is set
	manifest string            // where hashes are read from for a corpus opened from a snapshot
	hashesMu sync.Mutex        // guards reading hashes from the manifest
	byID     map[string]*Article
	years    map[int]int // articles per publication year
	bodies   *bodyStore  // where the texts are read from; nil when they are in memory
}

// Article returns the article with the given id, text included, or nil
// when there is none (or its text cannot be read back from disk).
func (c *Corpus) Article(id string) *Article {
	a := c.byID[id]
	if a == nil || c.bodies == nil || a.Sentences != nil {
		return a
	}
	full, err := c.bodies.load(a)
	if err != nil {
		return nil
	}
	return full
}

// newCorpus is an empty corpus with room for n articles.
func newCorpus(n int) *Corpus {
	return &Corpus{hashes: map[string]string{}, byID: make(map[string]*Article, n), years: map[int]int{}, Articles: make([]*Article, 0, n)}
}

// add puts a at the end of the corpus.
func (c *Corpus) add(a *Article) {
	c.byID[a.ID] = a
	c.Articles = append(c.Articles, a)
	if a.Published.Year != 0 {
		c.years[a.Published.Year]++
	}
}

// hiddenDir reports a folder below the corpus root whose name starts with
// a dot (.git, editors' folders): neither read, stat'ed nor watched.
func hiddenDir(p string, d fs.DirEntry) bool {
	return p != "." && strings.HasPrefix(d.Name(), ".")
}

// isArticleFile reports a file that is read as an article: .txt, in any
// letter case, and not hidden.
func isArticleFile(p string, d fs.DirEntry) bool {
	return strings.EqualFold(path.Ext(p), ".txt") && !strings.HasPrefix(d.Name(), ".")
}

// Info returns the article with the given id for its metadata (title,
// date, outlet, address) without reading its text, or nil.
func (c *Corpus) Info(id string) *Article { return c.byID[id] }

// sentences is how many sentences article a has, read or not.
func (c *Corpus) sentences(a *Article) int {
	if a.Sentences == nil && c.bodies != nil {
		return a.body.sentences
	}
	return len(a.Sentences)
}

type catalogEntry struct {
	published russian.Date
	source    string
	url       string
	line      int // where catalog.tsv describes the file
}

// ReadCorpus reads every .txt file under fsys (and catalog.tsv beside them).
// A bad file is skipped with a warning naming it; only a folder with no
// readable article at all is an error (ErrNoArticles).
func ReadCorpus(ctx context.Context, fsys fs.FS, log *slog.Logger) (*Corpus, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := newCorpus(0)
	warn := func(file, msg string) {
		c.Warnings = append(c.Warnings, file+": "+msg)
		log.Warn("skipping part of the corpus", "file", file, "reason", msg)
	}
	catalog, catWarnings, err := readCatalog(fsys)
	if err != nil {
		warn("catalog.tsv", err.Error())
	}
	for _, w := range catWarnings {
		warn("catalog.tsv", w)
	}
	used := map[string]bool{}
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			warn(p, "cannot read: "+err.Error())
			return nil
		}
		if d.IsDir() {
			if hiddenDir(p, d) {
				return fs.SkipDir
			}
			return nil
		}
		if isArticleFile(p, d) {
			files = append(files, p)
		} else if strings.EqualFold(path.Ext(p), ".txt") {
			warn(p, "hidden file (name starts with a dot)")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk corpus: %w", err)
	}
	sort.Strings(files)
	for _, p := range files {
		used[catalogKey(p)] = true
	}
	var read []readFile
	for i, p := range files {
		if i%readChunk == 0 { // read and parse the next chunk on every core
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			read = readFiles(fsys, files[i:min(i+readChunk, len(files))])
		}
		f := read[i%readChunk]
		id := strings.TrimSuffix(p, path.Ext(p))
		if _, dup := c.byID[id]; dup {
			warn(p, "duplicate article id")
			continue
		}
		raw, problem, a := f.raw, f.problem, f.article
		if problem != "" && raw == "" {
			warn(p, problem)
			continue
		}
		if problem != "" {
			warn(p, problem)
		}
		if len(a.Sentences) == 0 {
			if a.Title != "" {
				warn(p, "only a title, no text; skipped")
			} else {
				warn(p, "no text")
			}
			continue
		}
		if e, ok := catalog[catalogKey(p)]; ok {
			if !e.published.IsZero() {
				a.Published = e.published
			}
			if e.source != "" {
				a.Source = e.source
			}
			a.URL = e.url
		}
		if a.Published.IsZero() {
			a.Published = a.Dateline
		}
		c.hashes[id] = hashOf(raw, a)
		c.add(a)
	}
	var unused []string
	for k, e := range catalog {
		if !used[k] {
			unused = append(unused, fmt.Sprintf("line %d: no article file %s", e.line, k))
		}
	}
	sort.Strings(unused)
	for _, u := range unused {
		warn("catalog.tsv", u)
	}
	if len(c.Articles) == 0 {
		return c, ErrNoArticles
	}
	return c, nil
}

// readChunk is how many files ReadCorpus reads and parses at a time: a
// bounded number of texts in memory at once.
const readChunk = 256

// readFile is a corpus file read and parsed: its text, the problem met
// reading it, and its article (nil when nothing could be read).
type readFile struct {
	raw, problem string
	article      *Article
}

// readFiles reads and parses files on every core; the results are in the
// order of files.
func readFiles(fsys fs.FS, files []string) []readFile {
	out := make([]readFile, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				p := files[i]
				f := &out[i]
				if f.raw, f.problem = readArticleFile(fsys, p); f.raw != "" || f.problem == "" {
					f.article = parseArticle(strings.TrimSuffix(p, path.Ext(p)), f.raw)
				}
			}
		})
	}
	wg.Wait()
	return out
}

// readArticleFile returns the file's text and a problem, if any. An empty
// text with a problem means the file is skipped.
func readArticleFile(fsys fs.FS, p string) (string, string) {
	if problem, _ := notRegular(fsys, p); problem != "" {
		return "", problem
	}
	f, err := fsys.Open(p)
	if err != nil {
		return "", "cannot open: " + err.Error()
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return "", "cannot read: " + err.Error()
	}
	switch {
	case len(b) > MaxFileSize:
		return "", fmt.Sprintf("larger than %d MiB", MaxFileSize>>20)
	case len(bytes.TrimSpace(b)) == 0:
		return "", "empty file"
	case bytes.IndexByte(b, 0) >= 0:
		return "", "binary file (NUL bytes)"
	case !utf8.Valid(b):
		if s, ok := decodeCP1251(b); ok {
			return s, "not UTF-8; read as Windows-1251"
		}
		return "", "not UTF-8 text"
	}
	return string(b), ""
}

// readCatalog reads catalog.tsv (file, published, source, url, ...); a missing
// catalog is not an error.
func readCatalog(fsys fs.FS) (map[string]catalogEntry, []string, error) {
	out := map[string]catalogEntry{}
	if problem, err := notRegular(fsys, "catalog.tsv"); errors.Is(err, fs.ErrNotExist) {
		return out, nil, nil
	} else if problem != "" {
		return out, nil, errors.New(problem)
	}
	b, err := fs.ReadFile(fsys, "catalog.tsv")
	if err != nil {
		return out, nil, fmt.Errorf("read catalog: %w", err)
	}
	var warnings []string
	warn := func(line int, format string, args ...any) {
		warnings = append(warnings, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
	}
	text := strings.TrimPrefix(string(b), "\uFEFF") // a BOM must not hide the header
	// TSV without quoting: a note may hold quote marks of its own
	type row struct {
		line  int
		cells []string
	}
	var rows []row
	for n, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			rows = append(rows, row{n + 1, strings.Split(line, "\t")})
		}
	}
	col := map[string]int{"file": 0, "published": 1, "source": 2}
	if len(rows) > 0 && isCatalogHeader(rows[0].cells) {
		col = map[string]int{}
		for i, h := range rows[0].cells {
			col[letter.Lower(strings.TrimSpace(h))] = i
		}
		if _, ok := col["file"]; !ok {
			warn(rows[0].line, "the header has no «file» column; the catalog is not used")
			return out, warnings, nil
		}
		rows = rows[1:]
	}
	get := func(r row, name string) string {
		i, ok := col[name]
		if !ok || i >= len(r.cells) {
			return ""
		}
		return strings.TrimSpace(r.cells[i])
	}
	for _, r := range rows {
		file := get(r, "file")
		if file == "" {
			warn(r.line, "no file name")
			continue
		}
		if path.Ext(file) == "" {
			file += ".txt"
		}
		e := catalogEntry{source: get(r, "source"), line: r.line}
		if u := get(r, "url"); u != "" {
			if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
				warn(r.line, "url %q is not an http(s) address; not linked", russian.Truncate(u, 80))
			} else {
				e.url = pu.String()
			}
		}
		if d := get(r, "published"); d != "" {
			var ok bool
			if e.published, ok = russian.ParseISO(d); !ok {
				warn(r.line, "date %q is not YYYY-MM-DD, YYYY-MM or YYYY; the article's own date is used", d)
			}
		}
		key := catalogKey(file)
		if prev, dup := out[key]; dup {
			warn(r.line, "%s is already described on line %d; this line wins", file, prev.line)
		}
		out[key] = e
	}
	return out, warnings, nil
}

// catalogKey is how a catalog row and an article file meet: the relative
// path, slash-separated, case-insensitive ("sub/good1.txt" is not
// "good1.txt").
func catalogKey(p string) string {
	return letter.Lower(path.Clean(strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "./")))
}

// isCatalogHeader reports whether a first row names columns rather than
// describing a file.
func isCatalogHeader(cells []string) bool {
	for _, c := range cells {
		switch letter.Lower(strings.TrimSpace(c)) {
		case "file", "published", "source", "url", "date", "title":
			return true
		}
	}
	return false
}

// cp1251 maps bytes 0x80-0xBF of Windows-1251 to Unicode (0xC0-0xFF are А-я).
var cp1251 = [64]rune{
	'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Ќ', 'Ћ', 'Џ',
	'ђ', '‘', '’', '“', '”', '•', '–', '—', '\uFFFD', '™', 'љ', '›', 'њ', 'ќ', 'ћ', 'џ',
	'\u00A0', 'Ў', 'ў', 'Ј', '¤', 'Ґ', '¦', '§', 'Ё', '©', 'Є', '«', '¬', '\u00AD', '®', 'Ї',
	'°', '±', 'І', 'і', 'ґ', 'µ', '¶', '·', 'ё', '№', 'є', '»', 'ј', 'Ѕ', 'ѕ', 'ї',
}

// decodeCP1251 decodes Windows-1251 text when most of its high bytes are
// Cyrillic letters, the usual case for legacy Russian files.
func decodeCP1251(b []byte) (string, bool) {
	var sb strings.Builder
	letters, high := 0, 0
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c >= 0xC0:
			high++
			letters++
			sb.WriteRune(rune(0x410 + int(c) - 0xC0))
		default:
			high++
			sb.WriteRune(cp1251[c-0x80])
		}
	}
	return sb.String(), high > 0 && letters*10 >= high*8
}

// notRegular says why p is not a regular file (a FIFO, a device, a socket,
// a dangling link), which is never opened: opening a FIFO blocks until a
// writer comes. A symlink to a regular file is fine. "" means regular; err
// is what Stat said, if anything.
func notRegular(fsys fs.FS, p string) (string, error) {
	st, err := fs.Stat(fsys, p)
	if err != nil {
		return "cannot read: " + err.Error(), err
	}
	if !st.Mode().IsRegular() {
		return fmt.Sprintf("not a regular file (%s)", st.Mode().Type()), nil
	}
	return "", nil
}
