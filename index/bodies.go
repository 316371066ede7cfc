package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"runtime"
	"sync"

	"github.com/corpusbot/corpusbot/index/russian"
)

// bodyCache is how many loaded article bodies a corpus keeps; answering a
// question reads a few dozen.
const bodyCache = 1024

// errBody means an article body could not be read back.
var errBody = errors.New("article body unreadable")

// bodyStore reads article bodies (sentences and quotations) from the file
// the snapshot wrote, on demand, so that an opened archive holds in memory
// only what answers have asked for.
type bodyStore struct {
	f        *os.File
	snapshot string // removed when a body fails its checksum, so the next open reads the corpus
	mu       sync.Mutex
	cache    map[string]*Article
}

func openBodies(path, snapshot string) (*bodyStore, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s := &bodyStore{f: f, snapshot: snapshot, cache: map[string]*Article{}}
	runtime.AddCleanup(s, func(f *os.File) { f.Close() }, f) // the store goes with the last corpus that uses it
	return s, nil
}

// load returns stub with its body read in: a new Article, the stub itself
// stays small.
func (s *bodyStore) load(stub *Article) (*Article, error) {
	s.mu.Lock()
	if a, ok := s.cache[stub.ID]; ok {
		s.mu.Unlock()
		return a, nil
	}
	s.mu.Unlock()
	buf := make([]byte, stub.body.size)
	a := *stub
	_, err := s.f.ReadAt(buf, stub.body.at)
	if err == nil && (len(buf) < 4 || crc32.ChecksumIEEE(buf[4:]) != binary.BigEndian.Uint32(buf)) {
		err = errBody
	}
	if err == nil {
		err = decodeBody(buf[4:], &a)
	}
	if err == nil && len(a.Sentences) != stub.body.sentences {
		err = errBody
	}
	if err != nil {
		os.Remove(s.snapshot)
		return nil, fmt.Errorf("%w: %s: %w", errBody, stub.ID, err)
	}
	s.mu.Lock()
	if len(s.cache) >= bodyCache {
		clear(s.cache)
	}
	s.cache[stub.ID] = &a
	s.mu.Unlock()
	return &a, nil
}

// bodyRef is where an article's body lies in the bodies file.
type bodyRef struct {
	at        int64
	size      int
	sentences int
}

// writeBodies writes every article's body to path (each a CRC-32 of the
// rest, then what encodeBody writes) and returns where each lies, in
// article order.
func writeBodies(path string, articles []*Article) ([]bodyRef, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	refs := make([]bodyRef, 0, len(articles))
	var at int64
	var buf []byte
	for _, a := range articles {
		buf = encodeBody(append(buf[:0], 0, 0, 0, 0), a)
		binary.BigEndian.PutUint32(buf, crc32.ChecksumIEEE(buf[4:]))
		if _, err := w.Write(buf); err != nil {
			f.Close()
			return nil, err
		}
		refs = append(refs, bodyRef{at: at, size: len(buf), sentences: len(a.Sentences)})
		at += int64(len(buf))
	}
	if err := w.Flush(); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return refs, err
}

// encodeBody appends a's sentences and quotations: counts and lengths as
// uvarints, texts as bytes.
func encodeBody(b []byte, a *Article) []byte {
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	b = binary.AppendUvarint(b, uint64(len(a.Sentences)))
	for _, s := range a.Sentences {
		str(s.Text)
		b = binary.AppendUvarint(b, uint64(s.Para))
		b = binary.AppendVarint(b, int64(s.Quote))
	}
	b = binary.AppendUvarint(b, uint64(len(a.Quotes)))
	for _, q := range a.Quotes {
		str(q.Text)
		str(q.Speaker)
		b = binary.AppendUvarint(b, uint64(q.Kind))
		b = binary.AppendUvarint(b, uint64(q.Sentence))
	}
	return b
}

// decodeBody reads what encodeBody wrote into a.
func decodeBody(b []byte, a *Article) error {
	bad := false
	num := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	str := func() string {
		n := num()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	n := num()
	if n > uint64(len(b)) {
		return errBody
	}
	a.Sentences = make([]Sentence, 0, n)
	for i := uint64(0); i < n && !bad; i++ {
		s := Sentence{Text: str(), Para: int(num())}
		q, k := binary.Varint(b)
		if k <= 0 {
			return errBody
		}
		b = b[k:]
		s.Quote = int(q)
		a.Sentences = append(a.Sentences, s)
	}
	n = num()
	if n > uint64(len(b)) {
		return errBody
	}
	a.Quotes = make([]Quote, 0, n)
	for i := uint64(0); i < n && !bad; i++ {
		a.Quotes = append(a.Quotes, Quote{Text: str(), Speaker: str(), Kind: russian.SpeakerKind(num()), Sentence: int(num())})
	}
	if bad || len(b) != 0 {
		return errBody
	}
	for _, s := range a.Sentences {
		if s.Quote >= len(a.Quotes) || s.Quote < -1 {
			return errBody
		}
	}
	return nil
}
