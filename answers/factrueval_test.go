package answers_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// factPerson is one annotated person of ../shared/bench/factrueval-dev.
type factPerson struct {
	First       string   `json:"first"`
	Last        string   `json:"last"`
	Docs        []string `json:"docs"`
	Occupations []struct {
		Position string `json:"position"`
	} `json:"occupations"`
}

var spanRe = regexp.MustCompile(`span\d+`)

// positionStem is the annotated position's head word (its first role noun,
// else its first word) cut to a stem, so that «мэра» matches the role «мэр
// Москвы» and «Федеральный министр транспорта» matches «министр транспорта».
func positionStem(p string) string {
	p = strings.TrimSpace(spanRe.ReplaceAllString(p, ""))
	f := strings.Fields(norm(p))
	if len(f) == 0 {
		return ""
	}
	head := f[0]
	for _, w := range f {
		if russian.IsRoleNoun(w) {
			head = w
			break
		}
	}
	r := []rune(head)
	if len(r) > 4 {
		r = r[:len(r)-2]
	}
	return string(r)
}

// TestFactRuEval measures /who on 122 annotated news texts nobody here
// wrote (public data read from ../shared/bench, never copied into the
// project) and prints the three figures of the README:
//
//	go test ./answers -run TestFactRuEval -v
func TestFactRuEval(t *testing.T) {
	whoBench(t, "factrueval-dev", 0.92, 0.80)
}

// TestNerelWho measures /who the same way on the 94 news texts of NEREL's
// dev part (../shared/bench/nerel-dev-who; the tagger learnt from the train
// part only):
//
//	go test ./answers -run TestNerelWho -v
func TestNerelWho(t *testing.T) {
	whoBench(t, "nerel-dev-who", 0.92, 0.72)
}

// whoBench asks /who for each person of a benchmark folder whose surname is
// unique there, and for each of its non-persons, and fails below the floors
// (share of full names, of roles) or above 2% of non-persons answered as
// persons.
func whoBench(t *testing.T, name string, minNames, minRoles float64) {
	dir := answers.BenchDir(t, name)
	ix, err := index.Open(context.Background(), os.DirFS(dir+"/corpus"), index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	svc := answers.New(ix, nil)

	f, err := os.Open(dir + "/persons.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var persons []factPerson
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p factPerson
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		persons = append(persons, p)
	}
	surnames := map[string]int{}
	for _, p := range persons {
		surnames[norm(p.Last)]++
	}
	named, total, roled, withRole := 0, 0, 0, 0
	for _, p := range persons {
		if surnames[norm(p.Last)] != 1 || p.Last == "" || p.First == "" || len([]rune(p.Last)) < 2 {
			continue
		}
		total++
		r := svc.Answer(context.Background(), "/who "+p.Last)
		want := norm(p.First + " " + p.Last)
		ok := r.Person != nil && norm(r.Person.Name) == want
		if !ok {
			for _, c := range r.Choices { // several matches: the person is among them
				ok = ok || norm(c.Label) == want
			}
		}
		if ok {
			named++
		} else if testing.Verbose() {
			got := "nobody"
			if r.Person != nil {
				got = r.Person.Name
			}
			t.Logf("name miss: /who %s → %s, want %s %s", p.Last, got, p.First, p.Last)
		}
		if len(p.Occupations) == 0 {
			continue
		}
		withRole++
		if r.Person == nil {
			continue
		}
		role := norm(r.Person.Role)
		for _, rr := range r.Person.Roles {
			role += " " + norm(rr.Role)
		}
		hit := false
		for _, o := range p.Occupations {
			for _, alt := range strings.Split(o.Position, "|") {
				if st := positionStem(alt); st != "" && strings.Contains(role, st) {
					hit = true
				}
			}
		}
		if hit {
			roled++
		} else if testing.Verbose() {
			t.Logf("role miss: %s %s: got %q, want %q", p.First, p.Last, r.Person.Role, p.Occupations[0].Position)
		}
	}
	b, err := os.ReadFile(dir + "/not_persons.txt")
	if err != nil {
		t.Fatal(err)
	}
	places, wrong := 0, 0
	for _, w := range strings.Fields(string(b)) {
		places++
		if r := svc.Answer(context.Background(), "/who "+w); r.Person != nil {
			wrong++
			if testing.Verbose() {
				t.Logf("place as person: /who %s → %s", w, r.Person.Name)
			}
		}
	}
	nameRate := float64(named) / float64(total)
	roleRate := float64(roled) / float64(withRole)
	placeRate := float64(wrong) / float64(places)
	t.Logf("%s /who: name %d/%d = %.1f%%; role %d/%d = %.1f%%; places as persons %d/%d = %.1f%%",
		name, named, total, 100*nameRate, roled, withRole, 100*roleRate, wrong, places, 100*placeRate)
	if nameRate < minNames || roleRate < minRoles || placeRate > 0.02 {
		t.Errorf("below the floor (name ≥ %.0f%%, role ≥ %.0f%%, places ≤ 2%%)", 100*minNames, 100*minRoles)
	}
}
