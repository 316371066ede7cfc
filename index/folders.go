package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// foldersFile remembers, beside the snapshot, the corpus folders' times at
// the last full check whose files matched the snapshot. While no folder's
// time has changed since, no file was added, removed or renamed, so an
// open with Options.TrustFolders takes the files as they were without a
// stat per file: at 100,000 articles that check was most of an `ask`.
const foldersFile = "folders.json"

// racyWindow is how recent a folder's time may be and still be trusted: a
// folder changed twice within the file system's time granularity (a tick
// on ext4, two seconds on FAT) keeps one time, so a folder that changed
// this close to the check is checked file by file next time.
const racyWindow = 3 * time.Second

// folderMemo is the content of foldersFile.
type folderMemo struct {
	Files string     `json:"files"` // hex filesDigest of the files the folders held
	Dirs  []fileStat `json:"dirs"`
}

// unchangedFolders returns the files digest remembered in dir when every
// corpus folder remembered there still has its time, and false when any
// changed, vanished or nothing is remembered.
func unchangedFolders(fsys fs.FS, dir string) ([sha256.Size]byte, bool) {
	var out [sha256.Size]byte
	b, err := os.ReadFile(filepath.Join(dir, foldersFile))
	if err != nil {
		return out, false
	}
	var m folderMemo
	if json.Unmarshal(b, &m) != nil || len(m.Dirs) == 0 || m.Dirs[0].Path != "." {
		return out, false
	}
	d, err := hex.DecodeString(m.Files)
	if err != nil || len(d) != len(out) {
		return out, false
	}
	copy(out[:], d)
	for _, d := range m.Dirs {
		st, err := fs.Stat(fsys, d.Path)
		if err != nil || !st.IsDir() || st.ModTime().UnixNano() != d.ModTime {
			return out, false
		}
	}
	return out, true
}

// rememberFolders records l's folders for the next open when none of them
// changed too recently to be trusted; otherwise it forgets any record, so
// the next open checks every file. A lost record only costs that check.
func rememberFolders(dir string, l listing) {
	path := filepath.Join(dir, foldersFile)
	trusted := len(l.dirs) > 0 && !slices.ContainsFunc(l.dirs, func(d fileStat) bool {
		return d.ModTime == 0 || d.ModTime > l.at.Add(-racyWindow).UnixNano()
	})
	if !trusted {
		os.Remove(path)
		return
	}
	digest := filesDigest(l.files)
	b, err := json.Marshal(folderMemo{Files: hex.EncodeToString(digest[:]), Dirs: l.dirs})
	if err != nil {
		return
	}
	if old, err := os.ReadFile(path); err == nil && string(old) == string(b) {
		return
	}
	tmp := path + ".tmp"
	if os.WriteFile(tmp, b, 0o644) != nil || os.Rename(tmp, path) != nil {
		os.Remove(tmp)
		os.Remove(path)
	}
}
