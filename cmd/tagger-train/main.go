// Command tagger-train learns the person and role tagger from NEREL (BRAT
// annotations of Russian news) and writes the weights that the index embeds.
//
//	go run ./cmd/tagger-train -train ../shared/bench/nerel/train -dev ../shared/bench/nerel/dev \
//	    -out index/russian/tagger/weights.bin.gz
//
// PERSON spans become names and PROFESSION spans roles (the outermost span
// of each kind; a person inside a role phrase splits it). The dev set, when
// given, is scored span by span and never trained on.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian"
	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

func main() {
	train := flag.String("train", "../shared/bench/nerel/train", "BRAT folder to learn from")
	dev := flag.String("dev", "", "BRAT folder to score on (optional)")
	out := flag.String("out", "index/russian/tagger/weights.bin.gz", "weights file to write")
	epochs := flag.Int("epochs", 8, "training passes")
	flag.Parse()
	if err := run(*train, *dev, *out, *epochs); err != nil {
		slog.Error("tagger-train", "err", err)
		os.Exit(1)
	}
}

func run(trainDir, devDir, out string, epochs int) error {
	examples, lex, err := load(trainDir)
	if err != nil {
		return err
	}
	fmt.Printf("train: %d sentences\n", len(examples))
	m := tagger.Train(examples, lex, epochs)
	if devDir != "" {
		dev, devLex, err := load(devDir)
		if err != nil {
			return err
		}
		score(m, dev, devLex)
	}
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create weights: %w", err)
	}
	if err := m.Write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

type entity struct {
	start, end int // rune offsets
	person     bool
}

// load reads every .txt with its .ann into labelled sentences, and builds
// the lexicon from the folder's own lower-case words.
func load(dir string) ([]tagger.Example, *russian.Lexicon, error) {
	txts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(txts) == 0 {
		return nil, nil, fmt.Errorf("no .txt files in %s", dir)
	}
	sort.Strings(txts)
	type doc struct {
		text string
		ents []entity
	}
	var docs []doc
	vocab := russian.NewVocab()
	for _, p := range txts {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", p, err)
		}
		ents, err := readAnn(strings.TrimSuffix(p, ".txt") + ".ann")
		if err != nil {
			return nil, nil, err
		}
		docs = append(docs, doc{string(b), ents})
		vocab.AddText(string(b))
	}
	namer := russian.NewNamer(vocab.Common)
	namer.Named = vocab.Named
	var out []tagger.Example
	for _, d := range docs {
		out = append(out, sentences(d.text, d.ents)...)
	}
	return out, namer.Lexicon(), nil
}

// readAnn reads the PERSON and PROFESSION entities of a BRAT file.
func readAnn(path string) ([]entity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open annotations: %w", err)
	}
	defer f.Close()
	var out []entity
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 || !strings.HasPrefix(cols[0], "T") {
			continue
		}
		fs := strings.Fields(cols[1])
		if len(fs) != 3 || (fs[0] != "PERSON" && fs[0] != "PROFESSION") {
			continue // discontinuous spans are left out
		}
		a, err1 := strconv.Atoi(fs[1])
		b, err2 := strconv.Atoi(fs[2])
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, entity{a, b, fs[0] == "PERSON"})
	}
	return out, sc.Err()
}

// sentences splits a document into labelled sentences.
func sentences(text string, ents []entity) []tagger.Example {
	// rune offset of every byte offset
	runeAt := make([]int, len(text)+1)
	n := 0
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		for k := range size {
			runeAt[i+k] = n
		}
		i += size
		n++
	}
	runeAt[len(text)] = n
	// outermost entity of each kind first; persons override roles
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].end-ents[i].start > ents[j].end-ents[j].start })
	var out []tagger.Example
	for _, p := range russian.Paragraphs(text) {
		para := text[p.Start:p.End]
		for _, s := range russian.Sentences(para) {
			base := p.Start + s.Start
			toks, words := russian.Tokens(para[s.Start:s.End])
			if len(toks) == 0 {
				continue
			}
			labels := make([]tagger.Label, len(toks))
			owner := make([]int, len(toks))
			for i := range owner {
				owner[i] = -1
			}
			for pass := range 2 {
				for ei, e := range ents {
					if e.person != (pass == 1) {
						continue
					}
					for i, w := range words {
						a, b := runeAt[base+w.Start], runeAt[base+w.End]
						if a >= e.start && b <= e.end && (owner[i] < 0 || pass == 1 && !ents[owner[i]].person) {
							owner[i] = ei
						}
					}
				}
			}
			for i := range toks {
				if owner[i] < 0 {
					continue
				}
				person := ents[owner[i]].person
				begin := i == 0 || owner[i-1] != owner[i]
				switch {
				case person && begin:
					labels[i] = tagger.BPer
				case person:
					labels[i] = tagger.IPer
				case begin:
					labels[i] = tagger.BRole
				default:
					labels[i] = tagger.IRole
				}
			}
			out = append(out, tagger.Example{Tokens: toks, Labels: labels})
		}
	}
	return out
}

// score prints span precision and recall of persons and roles.
func score(m *tagger.Model, dev []tagger.Example, lex *russian.Lexicon) {
	var tp, fp, fn [2]int
	for _, ex := range dev {
		got := tagger.Spans(m.Tag(ex.Tokens, lex))
		want := tagger.Spans(ex.Labels)
		set := map[tagger.Span]bool{}
		for _, s := range want {
			set[s] = true
		}
		for _, s := range got {
			k := 1
			if s.Person {
				k = 0
			}
			if set[s] {
				tp[k]++
				delete(set, s)
			} else {
				fp[k]++
				if verbose && s.Person {
					fmt.Println("FP", spanText(ex, s), "|", sentText(ex))
				}
			}
		}
		for s := range set {
			k := 1
			if s.Person {
				k = 0
			}
			fn[k]++
			if verbose && s.Person {
				fmt.Println("FN", spanText(ex, s), "|", sentText(ex))
			}
		}
	}
	for k, name := range []string{"person", "role"} {
		p := float64(tp[k]) / float64(max(1, tp[k]+fp[k]))
		r := float64(tp[k]) / float64(max(1, tp[k]+fn[k]))
		fmt.Printf("dev %s: precision %.3f recall %.3f F1 %.3f (%d spans)\n", name, p, r, 2*p*r/max(1e-9, p+r), tp[k]+fn[k])
	}
}

var verbose = os.Getenv("TAGGER_VERBOSE") != ""

func spanText(ex tagger.Example, s tagger.Span) string {
	var ws []string
	for _, t := range ex.Tokens[s.Start:s.End] {
		ws = append(ws, t.Text)
	}
	return strings.Join(ws, " ")
}

func sentText(ex tagger.Example) string {
	var ws []string
	for _, t := range ex.Tokens {
		ws = append(ws, t.Gap+t.Text)
	}
	return strings.Join(ws, " ")
}
