// Package seeds embeds the default corpus: five articles on Kazakhstan–USA
// relations (2018–2025) and their catalog.tsv, so the binary works from any
// folder with no files beside it.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt catalog.tsv
var files embed.FS

// FS returns the embedded corpus folder.
func FS() fs.FS { return files }
