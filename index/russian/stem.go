package russian

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/russian"
)

// Stem returns the Snowball stem of a folded word, the stem the search
// index uses: «предшественника» and «предшественниками» share
// «предшественник».
func Stem(w string) string {
	env := snowballstem.NewEnv(FoldWord(w))
	russian.Stem(env)
	return env.Current()
}
