package tagger

import (
	"math"
	"math/rand/v2"
)

// Example is one annotated sentence.
type Example struct {
	Tokens []Token
	Labels []Label
}

// Train learns an averaged perceptron from examples in the given number of
// passes. Training sees its own greedy decisions as the previous labels, as
// tagging does. The shuffle is seeded, so a run is reproducible.
func Train(examples []Example, lex Lexicon, epochs int) *Model {
	n := buckets * int(nLabels)
	w := make([]float32, n)
	total := make([]float64, n) // sum of weights over time, for averaging
	stamp := make([]int32, n)   // when total was last brought up to date
	var t int32
	update := func(h uint32, l Label, delta float32) {
		k := int(h&(buckets-1))*int(nLabels) + int(l)
		total[k] += float64(t-stamp[k]) * float64(w[k])
		stamp[k] = t
		w[k] += delta
	}
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var hs []uint32
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ei := range order {
			ex := examples[ei]
			f := newFeaturizer(ex.Tokens, lex)
			guess := make([]Label, len(ex.Tokens))
			for i := range ex.Tokens {
				t++
				hs = f.features(hs[:0], i, guess)
				var score [nLabels]float32
				for _, h := range hs {
					row := w[int(h&(buckets-1))*int(nLabels):]
					for l := range nLabels {
						score[l] += row[l]
					}
				}
				g := best(score[:], prevLabel(guess, i), ex.Tokens[i].Gap)
				if want := ex.Labels[i]; g != want {
					for _, h := range hs {
						update(h, want, 1)
						update(h, g, -1)
					}
				}
				guess[i] = g
			}
		}
	}
	avg := make([]float64, n)
	maxAbs := 0.0
	for k := range w {
		total[k] += float64(t-stamp[k]) * float64(w[k])
		avg[k] = total[k] / float64(t)
		maxAbs = math.Max(maxAbs, math.Abs(avg[k]))
	}
	m := &Model{w: make([]int16, n)}
	if maxAbs == 0 {
		return m
	}
	scale := 32767 / maxAbs
	for k, v := range avg {
		m.w[k] = int16(math.Round(v * scale))
	}
	return m
}
