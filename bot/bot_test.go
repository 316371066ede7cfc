package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/bot"
	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/seeds"
)

const token = "123456:TEST-token-secret"

// fakeAPI is a Bot API server: it hands out queued updates to getUpdates and
// records every other call with its form fields.
type fakeAPI struct {
	mu      sync.Mutex
	updates []map[string]any // unconfirmed updates, as Telegram keeps them
	calls   []call
	nextID  int
	srv     *httptest.Server
	// fault injection for sendMessage: the share of 429 and of 5xx answers
	p429, p5xx float64
	rng        *rand.Rand
	failed     int
	// getUpdates answers 500 this many times first
	badPolls int
	// sendMessage to these chats answers 403: the user blocked the bot
	blocked map[string]bool
}

type call struct {
	method string
	form   map[string]string
	at     time.Time // when Telegram accepted it
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{nextID: 1, rng: rand.New(rand.NewSource(1))}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(r.URL.Path, "/")
	method := parts[len(parts)-1]
	if !strings.HasPrefix(r.URL.Path, "/bot"+token+"/") {
		http.Error(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`, 401)
		return
	}
	form := map[string]string{}
	if err := r.ParseMultipartForm(1 << 20); err == nil {
		for k, v := range r.MultipartForm.Value {
			form[k] = v[0]
		}
	}
	w.Header().Set("Content-Type", "application/json")
	f.mu.Lock()
	defer f.mu.Unlock()
	switch method {
	case "getMe":
		fmt.Fprint(w, `{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"Corpus","username":"CorpusTestBot"}}`)
		return
	case "getUpdates":
		if f.badPolls > 0 {
			f.badPolls--
			w.WriteHeader(500)
			fmt.Fprint(w, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
			return
		}
		// confirm everything below offset, then hand out the rest (at most 100)
		offset := 0
		fmt.Sscan(form["offset"]+r.URL.Query().Get("offset"), &offset)
		keep := f.updates[:0]
		for _, u := range f.updates {
			if u["update_id"].(int) >= offset {
				keep = append(keep, u)
			}
		}
		f.updates = keep
		ups := append([]map[string]any{}, f.updates...)
		if len(ups) > 100 {
			ups = ups[:100]
		}
		if len(ups) == 0 {
			f.mu.Unlock()
			time.Sleep(20 * time.Millisecond)
			f.mu.Lock()
		}
		b, _ := json.Marshal(map[string]any{"ok": true, "result": ups})
		w.Write(b)
		return
	}
	if method == "sendMessage" && f.p429+f.p5xx > 0 {
		switch x := f.rng.Float64(); {
		case x < f.p429:
			f.failed++
			w.WriteHeader(429)
			fmt.Fprint(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`)
			return
		case x < f.p429+f.p5xx:
			f.failed++
			w.WriteHeader(502)
			fmt.Fprint(w, `{"ok":false,"error_code":502,"description":"Bad Gateway"}`)
			return
		}
	}
	if method == "sendMessage" && f.blocked[form["chat_id"]] {
		w.WriteHeader(403)
		fmt.Fprint(w, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`)
		return
	}
	f.calls = append(f.calls, call{method, form, time.Now()}) // what Telegram accepted
	switch method {
	case "sendMessage":
		if n := utf8.RuneCountInString(form["text"]); n > 4096 {
			fmt.Fprintf(w, `{"ok":false,"error_code":400,"description":"Bad Request: message is too long (%d)"}`, n)
			return
		}
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":0,"chat":{"id":1,"type":"private"}}}`, 1000+len(f.calls))
	default:
		fmt.Fprint(w, `{"ok":true,"result":true}`)
	}
}

// push queues a message update.
func (f *fakeAPI) push(chatType string, chatID int64, text string, extra map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	msg := map[string]any{
		"message_id": f.nextID, "date": 0, "text": text,
		"chat": map[string]any{"id": chatID, "type": chatType},
		"from": map[string]any{"id": 7, "is_bot": false, "first_name": "Аня"},
	}
	for k, v := range extra {
		msg[k] = v
	}
	f.updates = append(f.updates, map[string]any{"update_id": f.nextID, "message": msg})
	f.nextID++
}

// pushUpdate queues any update; its id is set here.
func (f *fakeAPI) pushUpdate(upd map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	upd["update_id"] = f.nextID
	f.updates = append(f.updates, upd)
	f.nextID++
}

// pushCallback queues a button press in a private chat.
func (f *fakeAPI) pushCallback(chatID int64, data string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, map[string]any{"update_id": f.nextID, "callback_query": map[string]any{
		"id": fmt.Sprint(f.nextID), "data": data, "chat_instance": "1",
		"from":    map[string]any{"id": 7, "is_bot": false, "first_name": "Аня"},
		"message": map[string]any{"message_id": 1, "date": 0, "chat": map[string]any{"id": chatID, "type": "private"}},
	}})
	f.nextID++
}

func (f *fakeAPI) sent(method string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.method == method {
			out = append(out, c)
		}
	}
	return out
}

// waitSent waits until n messages were sent.
func (f *fakeAPI) waitSent(t *testing.T, n int) []call {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if got := f.sent("sendMessage"); len(got) >= n {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
	got := f.sent("sendMessage")
	t.Fatalf("sent %d messages, want %d", len(got), n)
	return nil
}

func newService(t *testing.T) *answers.Service {
	ix, err := index.Open(context.Background(), seeds.FS(), index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return answers.New(ix, nil)
}

// fastLimits keep Telegram's pacing logic but at test speed.
var fastLimits = bot.Limits{ChatInterval: 5 * time.Millisecond, GroupInterval: 10 * time.Millisecond, GlobalRate: 2000,
	Retries: 4, Backoff: 5 * time.Millisecond, MaxRetryAfter: 3 * time.Second}

func TestPrivateChat(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, newService(t))

	f.push("private", 1, "/start", nil)
	got := f.waitSent(t, 1)
	if !strings.Contains(got[0].form["text"], "/who") || !strings.Contains(got[0].form["text"], "/timeline") {
		t.Errorf("/start reply lacks the commands: %q", got[0].form["text"])
	}
	if got[0].form["parse_mode"] != "HTML" || !strings.Contains(got[0].form["link_preview_options"], `"is_disabled":true`) {
		t.Errorf("want HTML and no link preview, got %v", got[0].form)
	}

	f.push("private", 1, "Где Токаев принимал Блинкена?", nil)
	got = f.waitSent(t, 2)
	text := got[1].form["text"]
	for _, want := range []string{"Акорде", "28 февраля 2023", "КазТАГ", "<b>Блинкена</b>"} {
		if !strings.Contains(text, want) {
			t.Errorf("answer lacks %q:\n%s", want, text)
		}
	}
	if len(f.sent("setMyCommands")) != 1 {
		t.Error("commands not registered with setMyCommands")
	}
	if len(f.sent("sendChatAction")) == 0 {
		t.Error("no typing indicator")
	}
}

// TestHostileInput: markup, query syntax, huge and empty messages get a
// clear, escaped answer and never crash the bot.
func TestHostileInput(t *testing.T) {
	f := newFakeAPI(t)
	_, logs, _ := runBot(t, f, bot.Config{}, newService(t))
	inputs := []string{
		`<b>Блинкен</b> & <script>alert(1)</script>`,
		`+-:^~*?" title:Блинкен~2 AND (`,
		strings.Repeat("Блинкен санкции Казахстан ", 400), // 10,000 characters
		"",
		"\u200b\u202e🙂",
	}
	for i, in := range inputs {
		f.push("private", int64(10+i), in, nil)
	}
	got := f.waitSent(t, len(inputs))
	for _, c := range got {
		text := c.form["text"]
		if text == "" {
			t.Error("empty reply")
		}
		if strings.Contains(text, "<script>") || strings.Contains(text, "</b> &") {
			t.Errorf("unescaped user text in reply: %q", text)
		}
		if utf8.RuneCountInString(text) > bot.MaxMessage {
			t.Errorf("reply over %d characters", bot.MaxMessage)
		}
	}
	if strings.Contains(logs.String(), "panicked") {
		t.Errorf("a handler panicked:\n%s", logs.String())
	}
}

type panicky struct{}

func (panicky) Answer(context.Context, string) answers.Reply { panic("boom") }

func TestPanicRecoveredAndTokenRedacted(t *testing.T) {
	f := newFakeAPI(t)
	_, logs, _ := runBot(t, f, bot.Config{}, panicky{})
	f.push("private", 1, "вопрос", nil)
	f.push("private", 1, "ещё вопрос", nil)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && strings.Count(logs.String(), "handler panicked") < 2 {
		time.Sleep(10 * time.Millisecond)
	}
	if n := strings.Count(logs.String(), "handler panicked"); n != 2 {
		t.Fatalf("want both panics recovered and logged, got %d:\n%s", n, logs.String())
	}
}

type longAnswer struct{}

func (longAnswer) Answer(context.Context, string) answers.Reply {
	var r answers.Reply
	for i := 0; i < 60; i++ {
		r.Blocks = append(r.Blocks, answers.Block{{Text: fmt.Sprintf("%d. ", i), Style: answers.Bold}, {Text: strings.Repeat("длинный <абзац> & ", 8)}})
	}
	r.Blocks = append(r.Blocks, answers.Block{{Text: strings.Repeat("слово ", 1500), Style: answers.Italic}})
	return r
}

func TestLongRepliesPagedWithBalancedHTML(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, longAnswer{})
	f.push("private", 1, "дай всё", nil)
	first := f.waitSent(t, 1)[0]
	rows := buttons(first)
	if len(rows) == 0 {
		t.Fatalf("first page has no «Ещё» button: %q", first.form["reply_markup"])
	}
	more := rows[len(rows)-1]
	if !strings.HasPrefix(more.Text, "Ещё") || len(more.CallbackData) > 64 {
		t.Fatalf("button %+v", more)
	}
	// press «Ещё» until the pages run out
	pressed := 0
	for data := more.CallbackData; data != "" && pressed < 20; pressed++ {
		f.pushCallback(1, data)
		got := f.waitSent(t, pressed+2)
		last := got[len(got)-1]
		data = ""
		if rows := buttons(last); len(rows) > 0 {
			data = rows[0].CallbackData
		}
	}
	if pressed < 2 {
		t.Errorf("a long reply should take several pages, got %d more", pressed)
	}
	waitCalls(t, f, "answerCallbackQuery", pressed)
	for _, c := range f.sent("sendMessage") {
		text := c.form["text"]
		if n := utf8.RuneCountInString(text); n > bot.MaxMessage {
			t.Errorf("message of %d characters", n)
		}
		for _, tag := range []string{"b", "i"} {
			if strings.Count(text, "<"+tag+">") != strings.Count(text, "</"+tag+">") {
				t.Errorf("unbalanced <%s> in a piece", tag)
			}
		}
		if strings.Contains(text, "<абзац>") {
			t.Error("unescaped text")
		}
	}
	// an unknown or expired id still gets answerCallbackQuery, with a note
	f.pushCallback(1, "m:zzzz")
	calls := waitCalls(t, f, "answerCallbackQuery", pressed+1)
	if !strings.Contains(calls[len(calls)-1].form["text"], "устарел") {
		t.Errorf("expired button: %v", calls[len(calls)-1].form)
	}
}

// button is an inline keyboard button as sent.
type button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// buttons reads the first button of each keyboard row of a sent message.
func buttons(c call) []button {
	var markup struct {
		InlineKeyboard [][]button `json:"inline_keyboard"`
	}
	if json.Unmarshal([]byte(c.form["reply_markup"]), &markup) != nil {
		return nil
	}
	var out []button
	for _, row := range markup.InlineKeyboard {
		if len(row) > 0 {
			out = append(out, row[0])
		}
	}
	return out
}

func waitCalls(t *testing.T, f *fakeAPI, method string, n int) []call {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got := f.sent(method); len(got) >= n {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s called %d times, want %d", method, len(f.sent(method)), n)
	return nil
}

func TestGroupRules(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, newService(t))
	group := func(text string, extra map[string]any) { f.push("supergroup", -100, text, extra) }
	group("просто болтаем о погоде", nil)                                 // silent
	group("/who@OtherBot Блинкен", nil)                                   // another bot: silent
	group("/help@CorpusTestBot", nil)                                     // ours: answered
	group("/help", nil)                                                   // bare command: answered
	group("@CorpusTestBot Где Токаев принимал Блинкена?", map[string]any{ // mention: answered
		"entities": []map[string]any{{"type": "mention", "offset": 0, "length": 14}},
	})
	group("а где это было?", map[string]any{ // reply to the bot: answered
		"reply_to_message": map[string]any{"message_id": 1, "date": 0, "chat": map[string]any{"id": -100, "type": "supergroup"},
			"from": map[string]any{"id": 42, "is_bot": true, "first_name": "Corpus"}},
	})
	f.waitSent(t, 4)
	time.Sleep(200 * time.Millisecond)
	got := f.sent("sendMessage")
	if len(got) != 4 {
		t.Fatalf("sent %d messages, want 4", len(got))
	}
	for _, c := range got {
		if !strings.Contains(c.form["reply_parameters"], `"message_id"`) {
			t.Errorf("group answer is not a reply: %v", c.form)
		}
	}
	found := false
	for _, c := range got {
		found = found || strings.Contains(c.form["text"], "Акорде")
	}
	if !found {
		t.Error("the @mention question was not answered")
	}
}

func TestGracefulShutdownFinishesAnswers(t *testing.T) {
	f := newFakeAPI(t)
	slow := slowAnswerer{started: make(chan struct{}, 1)}
	_, _, cancel := runBot(t, f, bot.Config{}, slow)
	f.push("private", 1, "долгий вопрос", nil)
	<-slow.started
	cancel() // shutdown while the answer is being prepared
	f.waitSent(t, 1)
}

type slowAnswerer struct{ started chan struct{} }

func (s slowAnswerer) Answer(ctx context.Context, q string) answers.Reply {
	s.started <- struct{}{}
	time.Sleep(300 * time.Millisecond)
	return answers.Reply{Blocks: []answers.Block{{{Text: "готово"}}}}
}
