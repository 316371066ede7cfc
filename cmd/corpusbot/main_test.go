package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/seeds"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func runCmd(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, env(nil), strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestAskPlain(t *testing.T) {
	out, _, code := runCmd(t, "", "ask", "Где Токаев принимал Блинкена?")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Акорде", "28 февраля 2023", "КазТАГ"} {
		if !strings.Contains(out, want) {
			t.Errorf("answer lacks %q:\n%s", want, out)
		}
	}
}

func TestAskJSONOffCorpus(t *testing.T) {
	out, _, code := runCmd(t, "", "ask", "--json", "Какая погода будет завтра в Алматы?")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if res, ok := r["results"].([]any); !ok || len(res) != 0 {
		t.Errorf("results = %v, want []", r["results"])
	}
	if r["kind"] != "search" || !strings.Contains(r["text"].(string), "не нашёл") && !strings.Contains(r["text"].(string), "Не нашёл") {
		t.Errorf("got %v", r)
	}
}

func TestAskJSONBatchKeepsOrder(t *testing.T) {
	in := "/help\nГде Токаев принимал Блинкена?\n\nРецепт бешбармака\n/who Блинкен\n/timeline\n"
	out, _, code := runCmd(t, in, "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{"help", "search", "help", "search", "who", "timeline"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines for %d messages", len(lines), len(want))
	}
	for i, l := range lines {
		var r struct {
			Kind    string `json:"kind"`
			Text    string `json:"text"`
			Results []struct {
				Doc, Date, Source string
			} `json:"results"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if r.Kind != want[i] || r.Text == "" {
			t.Errorf("line %d: kind %q text %q, want kind %q", i, r.Kind, r.Text, want[i])
		}
		if i == 1 && (len(r.Results) == 0 || r.Results[0].Doc != "001_6c928640fa13d394" || r.Results[0].Date != "2023-02-28") {
			t.Errorf("line 1: %+v", r.Results)
		}
	}
}

func TestTerminalChatPiped(t *testing.T) {
	out, _, code := runCmd(t, "Где Токаев принимал Блинкена?\n", "--corpus", "../../seeds")
	if code != 0 || !strings.Contains(out, "Акорде") {
		t.Errorf("exit %d, out:\n%s", code, out)
	}
}

func TestBadCorpusFolder(t *testing.T) {
	_, stderr, code := runCmd(t, "", "--corpus", "/nonexistent/folder", "ask", "вопрос")
	if code == 0 || !strings.Contains(stderr, "corpus folder") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runCmd(t, "", "frobnicate")
	if code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestIndexCommand(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := runCmd(t, "", "--index", dir, "index")
	if code != 0 || !strings.Contains(stderr, "5 indexed") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, stderr, _ = runCmd(t, "", "--index", dir, "index")
	if !strings.Contains(stderr, "0 indexed, 5 unchanged") {
		t.Errorf("reindexed unchanged articles: %s", stderr)
	}
}

func TestLoggerRedactsToken(t *testing.T) {
	const secret = "987654:AAE-very-secret"
	var buf bytes.Buffer
	log := newLogger(&buf, "debug", "info", secret)
	err := fmt.Errorf("error do request for method getUpdates, %w", errors.New(`Post "https://api.telegram.org/bot`+secret+`/getUpdates": dial tcp: timeout`))
	log.Warn("telegram "+secret, "err", err, "url", "https://x/bot"+secret+"/getMe", "group", struct{ S string }{secret})
	log.With("token", secret).Info("hello")
	if strings.Contains(buf.String(), secret) {
		t.Errorf("token in logs:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "[REDACTED]") {
		t.Errorf("nothing redacted:\n%s", buf.String())
	}
}

// TestLoggerRedactsEveryEncodingAndCutsBodies: the token percent-encoded or
// its secret half alone is redacted too, and a huge error page is cut.
func TestLoggerRedactsEveryEncodingAndCutsBodies(t *testing.T) {
	const secret = "987654:AAE-very-secret"
	var buf bytes.Buffer
	log := newLogger(&buf, "debug", "info", secret)
	forms := []string{"987654%3AAAE-very-secret", "987654%3aAAE-very-secret", "AAE-very-secret", `987654\u003aAAE-very-secret`}
	for _, f := range forms {
		log.Warn("retry", "body", "<html>bad token "+f+"</html>")
	}
	log.Error("telegram error page", "body", strings.Repeat("ошибка ", 300000))
	out := buf.String()
	if strings.Contains(out, "very-secret") {
		t.Errorf("secret in logs:\n%s", out)
	}
	if len(out) > 8000 {
		t.Errorf("%d bytes logged for five lines", len(out))
	}
	if !strings.Contains(out, "bytes)") {
		t.Errorf("a cut value does not say its length:\n%s", out)
	}
}

func TestBotConfigFromEnv(t *testing.T) {
	c, err := parseConfig(nil, env(map[string]string{"ALLOWED_CHATS": "1, -1002", "ADMIN_IDS": "7", "WEBHOOK_URL": "https://x/hook", "WEBHOOK_SECRET": "s"}), &bytes.Buffer{})
	if err != nil || len(c.bot.AllowedChats) != 2 || c.bot.AllowedChats[1] != -1002 || c.bot.AdminIDs[0] != 7 || c.bot.WebhookSecret != "s" {
		t.Errorf("got %+v, %v", c.bot, err)
	}
	if _, err := parseConfig(nil, env(map[string]string{"ADMIN_IDS": "seven"}), &bytes.Buffer{}); err == nil {
		t.Error("a bad id must be refused")
	}
	if _, err := parseConfig(nil, env(map[string]string{"WEBHOOK_URL": "https://x/hook"}), &bytes.Buffer{}); err == nil {
		t.Error("a webhook without a secret must be refused")
	}
}

// TestBusyIndex: while one process holds the on-disk index, a second
// command says so in Russian and exits, instead of hanging.
func TestBusyIndex(t *testing.T) {
	dir := t.TempDir()
	if _, _, code := runCmd(t, "", "--index", dir, "index"); code != 0 {
		t.Fatalf("index: exit %d", code)
	}
	holder, err := index.Open(context.Background(), seeds.FS(), index.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	_, stderr, code := runCmd(t, "", "--index", dir, "ask", "Где Токаев принимал Блинкена?")
	if code != 1 || !strings.Contains(stderr, "занят другим процессом") {
		t.Errorf("busy index: exit %d, stderr %q", code, stderr)
	}
}

// TestBotStartRetriesAndStops: getMe failing with 502 is retried until it
// succeeds; a stop while still connecting exits 0; a wrong token exits 1.
func TestBotStartRetriesAndStops(t *testing.T) {
	var mu sync.Mutex
	getMe, mode := 0, "flaky"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		m := mode
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			getMe++
		}
		n := getMe
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case m == "unauthorized":
			w.WriteHeader(401)
			fmt.Fprint(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`)
		case m == "hang":
			io.Copy(io.Discard, r.Body) // the server sees the client go only once the body is read
			<-r.Context().Done()
		case strings.HasSuffix(r.URL.Path, "/getMe") && n <= 2:
			w.WriteHeader(502)
			fmt.Fprint(w, `{"ok":false,"error_code":502,"description":"Bad Gateway"}`)
		case strings.HasSuffix(r.URL.Path, "/getMe"):
			fmt.Fprint(w, `{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"C","username":"CBot"}}`)
		case strings.HasSuffix(r.URL.Path, "/getUpdates"):
			time.Sleep(20 * time.Millisecond)
			fmt.Fprint(w, `{"ok":true,"result":[]}`)
		default:
			fmt.Fprint(w, `{"ok":true,"result":true}`)
		}
	}))
	defer srv.Close()
	start := func(m string, after time.Duration) (int, string) {
		mu.Lock()
		mode, getMe = m, 0
		mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), after)
		defer cancel()
		var out, errb bytes.Buffer
		e := env(map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_URL": srv.URL, "STATE_DIR": t.TempDir()})
		code := run(ctx, nil, e, strings.NewReader(""), &out, &errb)
		return code, errb.String()
	}
	if code, log := start("flaky", 3*time.Second); code != 0 || !strings.Contains(log, "bot started") {
		t.Errorf("flaky getMe: exit %d\n%s", code, log)
	}
	began := time.Now()
	if code, log := start("hang", 300*time.Millisecond); code != 0 || time.Since(began) > 2*time.Second {
		t.Errorf("stopped during getMe: exit %d after %s\n%s", code, time.Since(began), log)
	}
	if code, _ := start("unauthorized", 3*time.Second); code != 1 {
		t.Errorf("wrong token: exit %d", code)
	}
}

// TestAskHugeLineDoesNotStopTheBatch: a line far over any message's length
// is answered from its start and the lines after it are answered too.
func TestAskHugeLineDoesNotStopTheBatch(t *testing.T) {
	huge := "Где Токаев принимал Блинкена? " + strings.Repeat("я", 10<<20)
	out, stderr, code := runCmd(t, huge+"\n/who@otherbot Блинкен\n\x1b[2J\x1b]0;pwned\x07/help\n", "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d replies for 3 lines", len(lines))
	}
	var kinds []string
	for _, l := range lines {
		var r struct{ Kind, Text string }
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, r.Kind)
		if strings.ContainsAny(r.Text, "\x1b\x07") {
			t.Errorf("control characters echoed: %q", r.Text)
		}
		if strings.Contains(r.Text, "Блинкен") && strings.Contains(l, "otherbot") && !strings.Contains(r.Text, "другому боту") {
			t.Errorf("a command for another bot was answered: %q", r.Text)
		}
	}
	if strings.Join(kinds, " ") != "search help search" {
		t.Errorf("kinds %v", kinds)
	}
}

// TestReloadKeepsIndexWhenCorpusVanishes: /reload with an on-disk index
// whose corpus folder is gone (or empty) fails and leaves the current index
// answering; once the folder is back, /reload picks it up.
func TestReloadKeepsIndexWhenCorpusVanishes(t *testing.T) {
	corpus, dir := t.TempDir(), t.TempDir()
	write := func() {
		if err := os.WriteFile(filepath.Join(corpus, "a.txt"), []byte("Заголовок\nМинистр Ерлан Жумабаев подписал меморандум в Астане."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write()
	cfg := config{corpusDir: corpus, indexDir: dir}
	ix, err := openIndex(context.Background(), cfg, index.Options{Dir: dir}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	lib := &library{cfg: cfg, current: ix, log: slog.New(slog.DiscardHandler)}
	defer lib.close()
	for _, break_ := range []func(){
		func() { os.Remove(filepath.Join(corpus, "a.txt")) },
		func() { os.RemoveAll(corpus) },
	} {
		break_()
		if _, _, _, err := lib.reload(context.Background()); err == nil {
			t.Fatal("reload of a vanished corpus succeeded")
		}
		r := answers.New(lib.current, nil).Answer(context.Background(), "Что подписал Жумабаев?")
		if len(r.Results) == 0 {
			t.Fatalf("after a failed reload the index no longer answers:\n%s", r.Text())
		}
	}
	os.MkdirAll(corpus, 0o755)
	os.WriteFile(filepath.Join(corpus, "b.txt"), []byte("Другая\nПосол обсудил поставки зерна."), 0o644)
	write()
	if _, changed, summary, err := lib.reload(context.Background()); err != nil || !strings.HasPrefix(summary, "2 статьи,") || len(changed) != 1 {
		t.Fatalf("reload after the folder came back: %q, %v, %v", summary, changed, err)
	}
}

// lockedBuffer is a bytes.Buffer safe to read while the chat writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestTerminalChatFollowsTheFolder: in the terminal chat, an article
// dropped into the corpus folder answers questions within seconds, with no
// restart.
func TestTerminalChatFollowsTheFolder(t *testing.T) {
	corpus := t.TempDir()
	os.WriteFile(filepath.Join(corpus, "a.txt"), []byte("Меморандум\nМинистр Ерлан Жумабаев подписал меморандум о минералах."), 0o644)
	in, feed := io.Pipe()
	var out lockedBuffer
	done := make(chan int)
	go func() {
		done <- run(context.Background(), []string{"--corpus", corpus}, env(nil), in, &out, io.Discard)
	}()
	ask := func(q, want string) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
			before := len(out.String())
			fmt.Fprintln(feed, q)
			time.Sleep(200 * time.Millisecond)
			if strings.Contains(out.String()[before:], want) {
				return
			}
		}
		t.Fatalf("%q never answered with %q:\n%s", q, want, out.String())
	}
	ask("Что подписал Жумабаев?", "меморандум")
	os.WriteFile(filepath.Join(corpus, "b.txt"), []byte("Рудник\nВ Экибастузе открыли рудник редкоземельных металлов."), 0o644)
	ask("Где открыли рудник редкоземельных металлов?", "Экибастузе")
	feed.Close()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}

// TestAskSeesNewFilesAndIndexSeesEdits: an ask on an on-disk index finds an
// article added since the last index; an article rewritten in place is
// found by ask after the next index, as the README says.
func TestAskSeesNewFilesAndIndexSeesEdits(t *testing.T) {
	corpus, ix := t.TempDir(), t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	write("a.txt", "Завод\nМинистр открыл в Караганде новый завод.")
	if err := os.Chtimes(corpus, past, past); err != nil { // settled before the index is built
		t.Fatal(err)
	}
	if _, stderr, code := runCmd(t, "", "--corpus", corpus, "--index", ix, "index"); code != 0 {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	ask := func(q string) string {
		t.Helper()
		out, stderr, code := runCmd(t, "", "--corpus", corpus, "--index", ix, "ask", q)
		if code != 0 {
			t.Fatalf("ask: exit %d: %s", code, stderr)
		}
		return out
	}
	write("b.txt", "Рудник\nГорняки открыли в Экибастузе новый рудник.")
	if out := ask("Где открыли рудник?"); !strings.Contains(out, "Экибастуз") {
		t.Errorf("an added article is not found by ask:\n%s", out)
	}
	os.Chtimes(corpus, past, past)
	runCmd(t, "", "--corpus", corpus, "--index", ix, "index")
	write("a.txt", "Завод\nМинистр открыл в Темиртау новый завод.") // in place: the folder keeps its time
	if out := ask("Где открыли завод?"); !strings.Contains(out, "Караганд") {
		t.Errorf("ask did not answer from the index as it was:\n%s", out)
	}
	runCmd(t, "", "--corpus", corpus, "--index", ix, "index")
	if out := ask("Где открыли завод?"); !strings.Contains(out, "Темиртау") {
		t.Errorf("after index, ask does not see the edit:\n%s", out)
	}
}
