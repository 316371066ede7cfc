package tagger

import (
	"bytes"
	"compress/gzip"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// noLex knows nothing about words beyond their letters.
type noLex struct{}

func (noLex) Classes(string) uint16 { return 0 }

func toks(s string) []Token {
	var out []Token
	gap := ""
	for _, f := range strings.Fields(s) {
		if f == "," || f == "." || f == "«" || f == "»" {
			gap += f
			continue
		}
		out = append(out, Token{Text: f, Gap: gap})
		gap = ""
	}
	return out
}

func TestSpans(t *testing.T) {
	cases := []struct {
		labels []Label
		want   []Span
	}{
		{[]Label{O, BPer, IPer, O}, []Span{{1, 3, true}}},
		{[]Label{BRole, IRole, BPer, IPer}, []Span{{0, 2, false}, {2, 4, true}}},
		{[]Label{BPer, BPer}, []Span{{0, 1, true}, {1, 2, true}}},
		{[]Label{IPer, O}, nil}, // a stray inside label starts nothing
		{nil, nil},
	}
	for _, c := range cases {
		if got := Spans(c.labels); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spans(%v) = %v, want %v", c.labels, got, c.want)
		}
	}
}

func TestAllowed(t *testing.T) {
	cases := []struct {
		prev, l Label
		gap     string
		want    bool
	}{
		{BPer, IPer, "", true},
		{BPer, IPer, ".", true},  // "Дж. Керри"
		{BPer, IPer, ",", false}, // "Суареса, Неймара": two people
		{O, IPer, "", false},
		{BRole, IPer, "", false},
		{BRole, IRole, ",", true},
		{IPer, BPer, ",", true},
	}
	for _, c := range cases {
		if got := allowed(c.prev, c.l, c.gap); got != c.want {
			t.Errorf("allowed(%v, %v, %q) = %v, want %v", c.prev, c.l, c.gap, got, c.want)
		}
	}
}

// TestTrainLearnsAndRoundTrips trains on a few hand-made sentences: the
// model must reproduce their labels, and survive writing and reading.
func TestTrainLearnsAndRoundTrips(t *testing.T) {
	var exs []Example
	add := func(s string, labels ...Label) {
		exs = append(exs, Example{Tokens: toks(s), Labels: labels})
	}
	add("Вчера министр Жолт Хорняк приехал в Казань", O, BRole, BPer, IPer, O, O, O)
	add("Пианист Ибрагим Абдурахмонов дал концерт", BRole, BPer, IPer, O, O)
	add("В Казани открылся новый театр", O, O, O, O, O)
	add("Марафонка Даля Грибаускайте , чемпионка мира", BRole, BPer, IPer, BRole, IRole)
	m := Train(exs, noLex{}, 30)
	for _, ex := range exs {
		if got := m.Tag(ex.Tokens, noLex{}); !reflect.DeepEqual(got, ex.Labels) {
			t.Errorf("trained model tags %v as %v, want %v", ex.Tokens, got, ex.Labels)
		}
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.w, m.w) {
		t.Error("weights differ after a write and a read")
	}
}

func TestReadRejectsDamagedWeights(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not gzip"), gzipOf(t, []byte("CBTAG1 too short")), gzipOf(t, []byte("WRONG!"))} {
		if _, err := Read(bytes.NewReader(data)); !errors.Is(err, ErrWeights) {
			t.Errorf("Read(%q) error = %v, want ErrWeights", data, err)
		}
	}
}

func TestDefaultLoads(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	nonzero := 0
	for _, w := range m.w {
		if w != 0 {
			nonzero++
		}
	}
	if nonzero < 10000 {
		t.Errorf("embedded model has %d non-zero weights; is it trained?", nonzero)
	}
	var zero *Model
	if got := zero.Tag(toks("Жолт Хорняк"), noLex{}); !reflect.DeepEqual(got, []Label{O, O}) {
		t.Errorf("a nil model tags %v", got)
	}
}

func TestShape(t *testing.T) {
	cases := map[string]string{"Блинкен": "Xx", "США": "X", "Касым-Жомарт": "Xx-Xx", "2024": "d", "iPhone": "LxXx", "С5": "Xd"}
	for w, want := range cases {
		if got := shapeOf(w); got != want {
			t.Errorf("shapeOf(%q) = %q, want %q", w, got, want)
		}
	}
}

func gzipOf(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
