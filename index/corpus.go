package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian"
)

// MaxFileSize is the largest article file read; larger ones are skipped.
const MaxFileSize = 4 << 20

// ErrNoArticles means a corpus folder holds no readable article.
var ErrNoArticles = errors.New("no readable articles")

// Corpus is the set of articles read from a folder, in file-name order.
type Corpus struct {
	Articles []*Article
	Warnings []string // one line per skipped or repaired file
	hashes   map[string]string
	byID     map[string]*Article
}

// Article returns the article with the given id, or nil.
func (c *Corpus) Article(id string) *Article { return c.byID[id] }

type catalogEntry struct {
	published russian.Date
	source    string
}

// ReadCorpus reads every .txt file under fsys (and catalog.tsv beside them).
// A bad file is skipped with a warning naming it; only a folder with no
// readable article at all is an error (ErrNoArticles).
func ReadCorpus(ctx context.Context, fsys fs.FS, log *slog.Logger) (*Corpus, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Corpus{hashes: map[string]string{}, byID: map[string]*Article{}}
	warn := func(file, msg string) {
		c.Warnings = append(c.Warnings, file+": "+msg)
		log.Warn("skipping part of the corpus", "file", file, "reason", msg)
	}
	catalog, err := readCatalog(fsys)
	if err != nil {
		warn("catalog.tsv", err.Error())
	}
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			warn(p, "cannot read: "+err.Error())
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.EqualFold(path.Ext(p), ".txt") && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk corpus: %w", err)
	}
	sort.Strings(files)
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		id := strings.TrimSuffix(p, path.Ext(p))
		if _, dup := c.byID[id]; dup {
			warn(p, "duplicate article id")
			continue
		}
		raw, problem := readArticleFile(fsys, p)
		if problem != "" && raw == "" {
			warn(p, problem)
			continue
		}
		if problem != "" {
			warn(p, problem)
		}
		a := parseArticle(id, raw)
		if len(a.Sentences) == 0 && a.Title == "" {
			warn(p, "no text")
			continue
		}
		if e, ok := catalog[strings.ToLower(path.Base(p))]; ok {
			if !e.published.IsZero() {
				a.Published = e.published
			}
			if e.source != "" {
				a.Source = e.source
			}
		}
		if a.Published.IsZero() {
			a.Published = a.Dateline
		}
		c.hashes[id] = hashOf(raw, a)
		c.byID[id] = a
		c.Articles = append(c.Articles, a)
	}
	if len(c.Articles) == 0 {
		return c, ErrNoArticles
	}
	return c, nil
}

// readArticleFile returns the file's text and a problem, if any. An empty
// text with a problem means the file is skipped.
func readArticleFile(fsys fs.FS, p string) (string, string) {
	if problem := notRegular(fsys, p); problem != "" {
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

// readCatalog reads catalog.tsv (file, published, source, ...); a missing
// catalog is not an error.
func readCatalog(fsys fs.FS) (map[string]catalogEntry, error) {
	out := map[string]catalogEntry{}
	if _, err := fs.Stat(fsys, "catalog.tsv"); errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if problem := notRegular(fsys, "catalog.tsv"); problem != "" {
		return out, errors.New(problem)
	}
	b, err := fs.ReadFile(fsys, "catalog.tsv")
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("read catalog: %w", err)
	}
	// TSV without quoting: a note may hold quote marks of its own
	var rows [][]string
	for _, line := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	col := map[string]int{"file": 0, "published": 1, "source": 2}
	if len(rows) > 0 && strings.EqualFold(strings.TrimSpace(rows[0][0]), "file") {
		col = map[string]int{}
		for i, h := range rows[0] {
			col[strings.ToLower(strings.TrimSpace(h))] = i
		}
		rows = rows[1:]
	}
	get := func(row []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	for _, row := range rows {
		file := get(row, "file")
		if file == "" {
			continue
		}
		if path.Ext(file) == "" {
			file += ".txt"
		}
		e := catalogEntry{source: get(row, "source")}
		e.published, _ = russian.ParseISO(get(row, "published"))
		out[strings.ToLower(path.Base(file))] = e
	}
	return out, nil
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
// writer comes. A symlink to a regular file is fine. "" means regular.
func notRegular(fsys fs.FS, p string) string {
	st, err := fs.Stat(fsys, p)
	if err != nil {
		return "cannot read: " + err.Error()
	}
	if !st.Mode().IsRegular() {
		return fmt.Sprintf("not a regular file (%s)", st.Mode().Type())
	}
	return ""
}
