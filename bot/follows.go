package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index/russian"
)

// maxFollows caps one chat's subscriptions.
const maxFollows = 50

// follows keeps each chat's subscriptions, saved to a file after every
// change (write to a temporary file, then rename) so they survive
// restarts; with no path they live in memory only.
type follows struct {
	mu    sync.Mutex
	path  string
	chats map[int64][]answers.Subject
}

// loadFollows reads the subscriptions kept at path; a missing file is an
// empty set, a damaged one an error (never silently emptied).
func loadFollows(path string) (*follows, error) {
	f := &follows{path: path, chats: map[int64][]answers.Subject{}}
	if path == "" {
		return f, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	var saved map[string][]answers.Subject
	if err := json.Unmarshal(b, &saved); err != nil {
		return nil, fmt.Errorf("read subscriptions %s: %w", path, err)
	}
	for k, subs := range saved {
		chat, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("read subscriptions %s: chat %q", path, k)
		}
		f.chats[chat] = subs
	}
	return f, nil
}

// save writes the subscriptions; the caller holds mu.
func (f *follows) save() error {
	if f.path == "" {
		return nil
	}
	out := map[string][]answers.Subject{}
	for chat, subs := range f.chats {
		if len(subs) > 0 {
			out[strconv.FormatInt(chat, 10)] = subs
		}
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return fmt.Errorf("save subscriptions: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
		return fmt.Errorf("save subscriptions: %w", err)
	}
	tmp := f.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("save subscriptions: %w", err)
	}
	if err := os.Rename(tmp, f.path); err != nil {
		return fmt.Errorf("save subscriptions: %w", err)
	}
	return nil
}

// add subscribes chat to s; false when it already follows s or follows
// the most it may.
func (f *follows) add(chat int64, s answers.Subject) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	subs := f.chats[chat]
	if slices.ContainsFunc(subs, func(x answers.Subject) bool { return sameSubject(x, s) }) || len(subs) >= maxFollows {
		return false, nil
	}
	f.chats[chat] = append(subs, s)
	return true, f.save()
}

// remove unsubscribes chat from the subject named name (a person's full
// name, surname or topic, any case); it returns what was removed.
func (f *follows) remove(chat int64, name string) (answers.Subject, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	subs := f.chats[chat]
	for i, s := range subs {
		if namesSubject(s, name) {
			f.chats[chat] = slices.Delete(slices.Clone(subs), i, i+1)
			return s, true, f.save()
		}
	}
	return answers.Subject{}, false, nil
}

// list returns chat's subscriptions.
func (f *follows) list(chat int64) []answers.Subject {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.chats[chat])
}

// all returns every chat's subscriptions.
func (f *follows) all() map[int64][]answers.Subject {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[int64][]answers.Subject, len(f.chats))
	for chat, subs := range f.chats {
		if len(subs) > 0 {
			out[chat] = slices.Clone(subs)
		}
	}
	return out
}

// drop forgets a chat that blocked the bot or is gone.
func (f *follows) drop(chat int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.chats[chat]; !ok {
		return nil
	}
	delete(f.chats, chat)
	return f.save()
}

// move carries a group's subscriptions to the supergroup it became.
func (f *follows) move(from, to int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	subs, ok := f.chats[from]
	if !ok {
		return nil
	}
	delete(f.chats, from)
	f.chats[to] = append(f.chats[to], subs...)
	return f.save()
}

func sameSubject(a, b answers.Subject) bool {
	return a.Kind == b.Kind && strings.EqualFold(a.Name, b.Name)
}

// namesSubject: «/unfollow Жумабаева» names «Ерлан Жумабаев» (the same
// surname in any case form, as /who reads it); a topic is named by its words.
func namesSubject(s answers.Subject, name string) bool {
	if strings.TrimSpace(russian.FoldAll(name)) == russian.FoldAll(s.Name) {
		return true
	}
	given, have := strings.Fields(name), strings.Fields(s.Name)
	return s.Kind == answers.SubjectPerson && len(given) > 0 && len(have) > 0 &&
		russian.NameKey(given[len(given)-1]) == russian.NameKey(have[len(have)-1])
}
