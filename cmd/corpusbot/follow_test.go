package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// miniAPI is a Bot API that hands out queued updates and records what the
// bot sends.
type miniAPI struct {
	mu      sync.Mutex
	updates []map[string]any
	nextID  int
	sent    []string // sendMessage texts, in order
}

func (m *miniAPI) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	_ = r.ParseMultipartForm(1 << 20)
	m.mu.Lock()
	defer m.mu.Unlock()
	switch method {
	case "getMe":
		fmt.Fprint(w, `{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"C","username":"CBot"}}`)
	case "getUpdates":
		offset, _ := strconv.Atoi(r.FormValue("offset"))
		var out []map[string]any
		for _, u := range m.updates {
			if u["update_id"].(int) >= offset {
				out = append(out, u)
			}
		}
		m.updates = out // as Telegram does, an offset confirms every update before it
		b, _ := json.Marshal(map[string]any{"ok": true, "result": out})
		if len(out) == 0 {
			m.mu.Unlock()
			time.Sleep(20 * time.Millisecond)
			m.mu.Lock()
		}
		w.Write(b)
	case "sendMessage":
		m.sent = append(m.sent, r.FormValue("text"))
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":0,"chat":{"id":7,"type":"private"}}}`, len(m.sent))
	default:
		fmt.Fprint(w, `{"ok":true,"result":true}`)
	}
}

func (m *miniAPI) push(text string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.nextID++
	m.updates = append(m.updates, map[string]any{"update_id": m.nextID, "message": map[string]any{
		"message_id": m.nextID, "date": 0, "text": text,
		"chat": map[string]any{"id": 7, "type": "private"}, "from": map[string]any{"id": 7, "is_bot": false, "first_name": "Ж"}}})
}

// wait returns the first message sent after the first n that holds want.
func (m *miniAPI) wait(t *testing.T, n int, want string, limit time.Duration) string {
	t.Helper()
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		m.mu.Lock()
		for _, s := range m.sent[min(n, len(m.sent)):] {
			if strings.Contains(s, want) {
				m.mu.Unlock()
				return s
			}
		}
		m.mu.Unlock()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	t.Fatalf("no message with %q within %s; sent:\n%s", want, limit, strings.Join(m.sent, "\n---\n"))
	return ""
}

func (m *miniAPI) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.sent)
}

// TestFollowNewArticleAndRestart is the reader's workflow end to end:
// /follow a person; a new article dropped into the corpus folder reaches
// the chat within seconds, with its link, and answers questions without
// /reload; after a restart /follow still lists the subscription.
func TestFollowNewArticleAndRestart(t *testing.T) {
	corpus, index, state := t.TempDir(), t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(corpus, "a.txt"), []byte("Меморандум подписан\nАСТАНА, 14 марта 2024. /Интерфакс-Казахстан/ – Министр промышленности Ерлан Жумабаев подписал меморандум о минералах."), 0o644)
	api := &miniAPI{}
	srv := httptest.NewServer(http.HandlerFunc(api.serve))
	defer srv.Close()
	start := func() (context.CancelFunc, chan int) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int)
		go func() {
			var out, errb bytes.Buffer
			e := env(map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_URL": srv.URL, "STATE_DIR": state, "LOG_LEVEL": "error"})
			done <- run(ctx, []string{"--corpus", corpus, "--index", index}, e, strings.NewReader(""), &out, &errb)
		}()
		return cancel, done
	}
	stop, done := start()
	api.push("/follow Жумабаева")
	api.wait(t, 0, "Подписка оформлена: Ерлан Жумабаев", 10*time.Second)
	n := api.count()
	os.WriteFile(filepath.Join(corpus, "catalog.tsv"), []byte("file\tpublished\tsource\turl\nb.txt\t2024-04-02\tКазТАГ\thttps://example.kz/b\n"), 0o644)
	os.WriteFile(filepath.Join(corpus, "b.txt"), []byte("Рудник открыт\nМинистр Ерлан Жумабаев открыл в Экибастузе рудник редкоземельных металлов."), 0o644)
	notice := api.wait(t, n, "Новая статья по подписке", 20*time.Second)
	for _, want := range []string{"Рудник открыт", "Экибастузе", "КазТАГ", `href="https://example.kz/b"`} {
		if !strings.Contains(notice, want) {
			t.Errorf("the notice lacks %q:\n%s", want, notice)
		}
	}
	n = api.count()
	api.push("Где Жумабаев открыл рудник?")
	api.wait(t, n, "Экибастузе", 10*time.Second)
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d", code)
	}
	stop, done = start()
	defer func() { stop(); <-done }()
	n = api.count()
	api.push("/follow")
	api.wait(t, n, "• Ерлан Жумабаев (человек)", 10*time.Second)
	n = api.count()
	api.push("/unfollow Жумабаев")
	api.wait(t, n, "Подписка «Ерлан Жумабаев» отменена", 10*time.Second)
}
