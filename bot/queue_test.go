package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corpusbot/corpusbot/bot"
)

// TestBusyGroupDoesNotStallOthers: twenty people in one group ask at once
// under Telegram's real pacing (one message per 3 s in a group); a private
// /help half a second later is answered within 3 s. A stop then keeps the
// group's unanswered questions, and the next start answers each once.
func TestBusyGroupDoesNotStallOthers(t *testing.T) {
	f := newFakeAPI(t)
	state := t.TempDir()
	cfg := bot.Config{Limits: bot.DefaultLimits(), StopWait: 100 * time.Millisecond, StateDir: state}
	_, _, stop := runBot(t, f, cfg, &countingAnswerer{})
	for i := range 20 {
		f.push("supergroup", -100777, fmt.Sprintf("/who g%d", i), map[string]any{"from": map[string]any{"id": 1000 + i, "is_bot": false, "first_name": "У"}})
	}
	time.Sleep(500 * time.Millisecond)
	asked := time.Now()
	f.push("private", 5, "/help", map[string]any{"from": map[string]any{"id": 5, "is_bot": false, "first_name": "Ч"}})
	var answered time.Duration
	for deadline := time.Now().Add(10 * time.Second); answered == 0 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, c := range f.sent("sendMessage") {
			if c.form["chat_id"] == "5" {
				answered = c.at.Sub(asked)
			}
		}
	}
	if answered == 0 || answered > 3*time.Second {
		t.Fatalf("private /help answered after %s while a group was busy", answered)
	}
	stop()
	kept, err := os.ReadFile(filepath.Join(state, "pending-updates-42.jsonl"))
	if err != nil {
		t.Fatalf("the unanswered group questions were not kept: %v", err)
	}
	before := len(f.sent("sendMessage"))
	if n := strings.Count(string(kept), "\n"); n == 0 || before-1+n != 20 {
		t.Errorf("%d answered and %d kept of 20", before-1, n)
	}
	cfg.Limits = fastLimits
	_, _, stop2 := runBot(t, f, cfg, &countingAnswerer{})
	f.waitSent(t, 21)
	time.Sleep(200 * time.Millisecond)
	stop2()
	seen := map[string]int{}
	for _, c := range f.sent("sendMessage") {
		seen[c.form["text"]]++
	}
	for i := range 20 {
		if n := seen[fmt.Sprintf("ответ на /who g%d", i)]; n != 1 {
			t.Errorf("group question %d answered %d times", i, n)
		}
	}
	if _, err := os.Stat(filepath.Join(state, "pending-updates-42.jsonl")); err == nil {
		t.Error("the kept updates were replayed but their file stayed")
	}
}

// TestWebhookBacklogAndStop: past the backlog the webhook answers 503 with
// Retry-After; a stop returns within its bound and keeps what it accepted.
func TestWebhookBacklogAndStop(t *testing.T) {
	f := newFakeAPI(t)
	state := t.TempDir()
	slow := &countingAnswerer{delay: 200 * time.Millisecond}
	b, err := bot.New(context.Background(), bot.Config{Token: token, APIURL: f.srv.URL, Limits: fastLimits, WebhookSecret: "s",
		Backlog: 10, StopWait: 300 * time.Millisecond, StateDir: state}, slow, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(b.WebhookHandler())
	defer srv.Close()
	codes := map[int]int{}
	for i := range 30 {
		resp := postUpdate(t, srv.URL, i+1, i%3+1, fmt.Sprintf("q%d", i))
		codes[resp.StatusCode]++
		if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
			t.Error("503 without Retry-After")
		}
	}
	if codes[200] != 10 || codes[503] != 20 {
		t.Errorf("status codes %v; want 10 accepted and 20 refused", codes)
	}
	start := time.Now()
	b.Stop()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stop took %s with a 300 ms bound", d)
	}
	kept, _ := os.ReadFile(filepath.Join(state, "pending-updates-42.jsonl"))
	answered := len(f.sent("sendMessage"))
	if n := strings.Count(string(kept), "\n"); answered+n != 10 || n == 0 {
		t.Errorf("%d answered and %d kept of 10 accepted", answered, n)
	}
}

// TestWebhookDropsRepeatedUpdates: Telegram may post an update again when
// our 200 was lost; the same update_id three times is answered once.
func TestWebhookDropsRepeatedUpdates(t *testing.T) {
	f := newFakeAPI(t)
	a := &countingAnswerer{}
	b, err := bot.New(context.Background(), bot.Config{Token: token, APIURL: f.srv.URL, Limits: fastLimits, WebhookSecret: "s",
		StateDir: t.TempDir()}, a, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(b.WebhookHandler())
	defer srv.Close()
	post := func(id int, text string) {
		if resp := postUpdate(t, srv.URL, id, 7, text); resp.StatusCode != http.StatusOK {
			t.Errorf("update %d: status %d", id, resp.StatusCode)
		}
	}
	for range 3 {
		post(500, "один")
	}
	post(501, "два")
	f.waitSent(t, 2)
	time.Sleep(300 * time.Millisecond)
	b.Stop()
	seen := map[string]int{}
	for _, c := range f.sent("sendMessage") {
		seen[c.form["text"]]++
	}
	if seen["ответ на один"] != 1 || seen["ответ на два"] != 1 || len(f.sent("sendMessage")) != 2 {
		t.Errorf("answers sent: %v; want each update answered once", seen)
	}
}

// postUpdate posts a private message update to a webhook with the secret
// "s" and returns the response, its body closed.
func postUpdate(t *testing.T, url string, id, chat int, text string) *http.Response {
	t.Helper()
	body := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":0,"chat":{"id":%d,"type":"private"},"text":%q}}`, id, id, chat, text)
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}
