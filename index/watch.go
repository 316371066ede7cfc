package index

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// WatchOptions tunes Watch.
type WatchOptions struct {
	// Quiet is how long the folder must stay still before changed runs, so
	// a burst of files is one update; zero means 1 s.
	Quiet time.Duration
	// Longest is how long a steady stream of changes may delay an update;
	// zero means 10 s.
	Longest time.Duration
}

// Watch calls changed after files under dir are created, written, renamed
// or removed (new sub-folders included), once per burst: when the folder
// has been still for Quiet, or Longest after the burst began. Hidden files
// and folders are ignored. It returns when ctx is done.
func Watch(ctx context.Context, dir string, opts WatchOptions, log *slog.Logger, changed func(context.Context)) error {
	if opts.Quiet <= 0 {
		opts.Quiet = time.Second
	}
	if opts.Longest <= 0 {
		opts.Longest = 10 * time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch corpus: %w", err)
	}
	defer w.Close()
	if err := watchTree(w, dir); err != nil {
		return fmt.Errorf("watch corpus: %w", err)
	}
	var quiet, longest <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if hidden(dir, ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					if err := watchTree(w, ev.Name); err != nil {
						log.Warn("cannot watch a new folder", "dir", ev.Name, "err", err)
					}
				}
			}
			quiet = time.After(opts.Quiet)
			if longest == nil {
				longest = time.After(opts.Longest)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			log.Warn("watching the corpus", "err", err) // an overflow: the next update rereads everything anyway
			quiet = time.After(opts.Quiet)
		case <-quiet:
			quiet, longest = nil, nil
			changed(ctx)
		case <-longest:
			quiet, longest = nil, nil
			changed(ctx)
		}
	}
}

// watchTree watches dir and every folder below it that is not hidden.
func watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable folder is warned about by ReadCorpus
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && hiddenDir(p, d) {
			return fs.SkipDir
		}
		return w.Add(p)
	})
}

// hidden reports whether p lies in a hidden file or folder under dir
// (editors' swap files, .git).
func hidden(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}
