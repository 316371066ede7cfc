package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/bot"
	"github.com/corpusbot/corpusbot/index"
)

// runBot runs a bot with cfg against f until the test ends.
func runBot(t *testing.T, f *fakeAPI, cfg bot.Config, svc bot.Answerer) (*bot.Bot, *logBuffer, context.CancelFunc) {
	t.Helper()
	logs := &logBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg.Token, cfg.APIURL, cfg.PollTimeout = token, f.srv.URL, time.Second
	if cfg.Limits == (bot.Limits{}) {
		cfg.Limits = fastLimits
	}
	ctx, cancel := context.WithCancel(context.Background())
	b, err := bot.New(ctx, cfg, svc, log)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { b.Run(ctx); close(done) }()
	stop := func() { cancel(); <-done }
	t.Cleanup(stop)
	return b, logs, stop
}

// logBuffer collects the bot's logs; the test reads them while the bot
// still writes.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestWhoChoicesAsButtons(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, newService(t))
	f.push("private", 1, "/who", nil) // the most mentioned people, as buttons
	first := f.waitSent(t, 1)[0]
	rows := buttons(first)
	if len(rows) < 2 {
		t.Fatalf("no choice buttons: %q", first.form["reply_markup"])
	}
	btn := rows[0]
	if len(btn.CallbackData) > 64 {
		t.Errorf("callback_data of %d bytes", len(btn.CallbackData))
	}
	f.pushCallback(1, btn.CallbackData)
	card := f.waitSent(t, 2)[1].form["text"]
	if !strings.Contains(card, btn.Text) || !strings.Contains(card, "Упоминается в") {
		t.Errorf("pressing %q gave:\n%s", btn.Text, card)
	}
	waitCalls(t, f, "answerCallbackQuery", 1)
}

func TestGroupGreetingMigrationAndTopics(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, newService(t))
	f.push("group", -5, "", map[string]any{"new_chat_members": []map[string]any{{"id": 42, "is_bot": true, "first_name": "Corpus"}}})
	f.push("group", -5, "", map[string]any{"migrate_to_chat_id": -1005})
	f.push("supergroup", -1005, "/help", map[string]any{"is_topic_message": true, "message_thread_id": 77})
	byChat := map[string]call{} // handlers run concurrently: find each by chat
	for _, c := range f.waitSent(t, 2) {
		byChat[c.form["chat_id"]] = c
	}
	if !strings.Contains(byChat["-5"].form["text"], "@CorpusTestBot") {
		t.Errorf("greeting: %q", byChat["-5"].form["text"])
	}
	if c := byChat["-1005"]; c.form["message_thread_id"] != "77" || !strings.Contains(c.form["text"], "/timeline") {
		t.Errorf("answer in the forum topic of the new supergroup: %v", c.form)
	}
}

func TestRetriesOn429And5xx(t *testing.T) {
	f := newFakeAPI(t)
	f.p429, f.p5xx = 0.2, 0.3
	lim := fastLimits
	lim.Retries = 8
	runBot(t, f, bot.Config{Limits: lim}, newService(t))
	for i := 0; i < 6; i++ {
		f.push("private", int64(100+i), "/help", nil)
	}
	f.waitSent(t, 6)
	f.mu.Lock()
	failed := f.failed
	f.mu.Unlock()
	if failed == 0 {
		t.Fatal("no fault was injected; the test proves nothing")
	}
	ok := 0
	for _, c := range f.sent("sendMessage") {
		if strings.Contains(c.form["text"], "/timeline") {
			ok++
		}
	}
	if ok < 6 {
		t.Errorf("%d of 6 answers got through %d injected faults", ok, failed)
	}
}

func TestFloodGuard(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{FloodLimit: 3, FloodWindow: time.Minute}, newService(t))
	for i := 0; i < 8; i++ {
		f.push("private", 1, "/help", nil)
	}
	f.waitSent(t, 4)
	time.Sleep(200 * time.Millisecond)
	answered, refused := 0, 0
	for _, c := range f.sent("sendMessage") {
		switch {
		case strings.Contains(c.form["text"], "Подождите"):
			refused++
		case strings.Contains(c.form["text"], "/timeline"):
			answered++
		}
	}
	if answered != 3 || refused != 1 {
		t.Errorf("want 3 answers and one polite refusal, got %d and %d", answered, refused)
	}
}

type reloaded struct{ n int }

func (r reloaded) Answer(context.Context, string) answers.Reply {
	return answers.Reply{Blocks: []answers.Block{{{Text: fmt.Sprintf("корпус версии %d", r.n)}}}}
}

func TestAccessAndReload(t *testing.T) {
	f := newFakeAPI(t)
	reload := func(context.Context) (bot.Answerer, []string, string, error) {
		return reloaded{2}, nil, "7 статей", nil
	}
	runBot(t, f, bot.Config{AllowedChats: []int64{1, 2}, AdminIDs: []int64{99}, Reload: reload}, reloaded{1})
	f.push("private", 3, "вопрос", nil) // not allowed
	got := f.waitSent(t, 1)
	if !strings.Contains(got[0].form["text"], "не работаю") {
		t.Errorf("refusal: %q", got[0].form["text"])
	}
	f.push("private", 1, "/reload", nil) // user 7 is no admin
	got = f.waitSent(t, 2)
	if !strings.Contains(got[1].form["text"], "только администраторам") {
		t.Errorf("non-admin reload: %q", got[1].form["text"])
	}
	f.push("private", 2, "/reload", map[string]any{"from": map[string]any{"id": 99, "is_bot": false, "first_name": "Админ"}})
	got = f.waitSent(t, 3)
	if !strings.Contains(got[2].form["text"], "7 статей") {
		t.Errorf("admin reload: %q", got[2].form["text"])
	}
	f.push("private", 1, "вопрос", nil)
	got = f.waitSent(t, 4)
	if !strings.Contains(got[3].form["text"], "версии 2") {
		t.Errorf("after reload the new corpus answers: %q", got[3].form["text"])
	}
}

func TestInlineMode(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, newService(t))
	f.mu.Lock()
	f.updates = append(f.updates, map[string]any{"update_id": f.nextID, "inline_query": map[string]any{
		"id": "iq1", "query": "Где Токаев принимал Блинкена?", "offset": "", "from": map[string]any{"id": 7, "is_bot": false, "first_name": "Аня"}}})
	f.nextID++
	f.mu.Unlock()
	c := waitCalls(t, f, "answerInlineQuery", 1)[0]
	var results []struct {
		Title   string `json:"title"`
		Content struct {
			Text      string `json:"message_text"`
			ParseMode string `json:"parse_mode"`
		} `json:"input_message_content"`
	}
	if err := json.Unmarshal([]byte(c.form["results"]), &results); err != nil || len(results) == 0 {
		t.Fatalf("results %q: %v", c.form["results"], err)
	}
	if !strings.Contains(results[0].Content.Text, "Акорде") || !strings.Contains(results[0].Content.Text, "КазТАГ") || results[0].Content.ParseMode != "HTML" {
		t.Errorf("inline result: %+v", results[0])
	}
}

func TestWebhook(t *testing.T) {
	f := newFakeAPI(t)
	logs := &logBuffer{}
	b, err := bot.New(context.Background(), bot.Config{Token: token, APIURL: f.srv.URL, Limits: fastLimits, WebhookSecret: "s3cret"},
		newService(t), slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(b.WebhookHandler())
	defer srv.Close()
	update := `{"update_id":1,"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"},"text":"/help"}}`
	post := func(secret, body string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("", update); code != http.StatusForbidden {
		t.Errorf("no secret: %d, want 403", code)
	}
	if code := post("wrong", update); code != http.StatusForbidden {
		t.Errorf("wrong secret: %d, want 403", code)
	}
	if code := post("s3cret", "not json"); code != http.StatusBadRequest {
		t.Errorf("bad body: %d, want 400", code)
	}
	start := time.Now()
	if code := post("s3cret", update); code != http.StatusOK {
		t.Errorf("good update: %d, want 200", code)
	}
	if time.Since(start) > 500*time.Millisecond {
		t.Errorf("200 took %s; it must come before the answer is prepared", time.Since(start))
	}
	if code := post("s3cret", update); code != http.StatusOK { // Telegram's retry of the same update
		t.Errorf("repeated update: %d, want 200", code)
	}
	b.Stop()
	if got := f.sent("sendMessage"); len(got) != 1 {
		t.Errorf("webhook update answered %d times", len(got))
	}
}

func TestPollingDropsStaleWebhook(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, newService(t))
	waitCalls(t, f, "deleteWebhook", 1)
}

// TestRestartAnswersEachUpdateOnce: updates answered before a shutdown are
// confirmed, so the next run answers only the rest, each once.
func TestRestartAnswersEachUpdateOnce(t *testing.T) {
	f := newFakeAPI(t)
	slow := &countingAnswerer{delay: 30 * time.Millisecond}
	_, _, stop := runBot(t, f, bot.Config{Workers: 2}, slow)
	for i := 0; i < 20; i++ {
		f.push("private", int64(i+1), fmt.Sprintf("q%d", i), nil)
	}
	f.waitSent(t, 3)
	stop() // mid-way
	_, _, stop2 := runBot(t, f, bot.Config{Workers: 2}, slow)
	f.waitSent(t, 20)
	time.Sleep(300 * time.Millisecond)
	stop2()
	seen := map[string]int{}
	for _, c := range f.sent("sendMessage") {
		seen[c.form["text"]]++
	}
	for i := 0; i < 20; i++ {
		if n := seen[fmt.Sprintf("ответ на q%d", i)]; n != 1 {
			t.Errorf("q%d answered %d times", i, n)
		}
	}
}

type countingAnswerer struct{ delay time.Duration }

func (c *countingAnswerer) Answer(_ context.Context, q string) answers.Reply {
	time.Sleep(c.delay)
	return answers.Reply{Blocks: []answers.Block{{{Text: "ответ на " + strings.TrimSpace(q)}}}}
}

// TestLoad: 500 chats × 10 messages through the fake Bot API with 429 and
// 5xx answers injected; every message is answered exactly once. Prints
// throughput and p99 (go test ./bot -run TestLoad -v).
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const chats, per = 500, 10
	f := newFakeAPI(t)
	f.p429, f.p5xx = 0.002, 0.02
	svc := &countingAnswerer{}
	lim := bot.Limits{ChatInterval: time.Millisecond, GroupInterval: time.Millisecond, GlobalRate: 100000,
		Retries: 6, Backoff: 5 * time.Millisecond, MaxRetryAfter: 3 * time.Second}
	runBot(t, f, bot.Config{Workers: 16, Limits: lim, FloodLimit: -1}, svc)
	start := time.Now()
	sentAt := map[string]time.Time{}
	for m := 0; m < per; m++ {
		for c := 0; c < chats; c++ {
			q := fmt.Sprintf("c%d-m%d", c, m)
			sentAt["ответ на "+q] = time.Now()
			f.push("private", int64(c+1), q, nil)
		}
	}
	deadline := time.Now().Add(60 * time.Second)
	for len(f.sent("sendMessage")) < chats*per && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	elapsed := time.Since(start)
	got := f.sent("sendMessage")
	count := map[string]int{}
	for _, c := range got {
		count[c.form["text"]]++
	}
	twice, missing := 0, 0
	for q := range sentAt {
		switch count[q] {
		case 0:
			missing++
		case 1:
		default:
			twice++
		}
	}
	if missing > 0 || twice > 0 {
		t.Fatalf("%d messages unanswered, %d answered more than once", missing, twice)
	}
	f.mu.Lock()
	failed := f.failed
	f.mu.Unlock()
	// latency of each message: from its push to its answer's acceptance
	lat := make([]time.Duration, 0, len(got))
	for _, c := range got {
		lat = append(lat, c.at.Sub(sentAt[c.form["text"]]))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	t.Logf("load: %d messages from %d chats answered exactly once in %s (%.0f msg/s); %d injected 429/5xx retried; latency p50 %s, p99 %s",
		chats*per, chats, elapsed.Round(time.Millisecond), float64(chats*per)/elapsed.Seconds(), failed, lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*99/100].Round(time.Millisecond))
}

func TestPollingSurvivesGetUpdatesErrors(t *testing.T) {
	f := newFakeAPI(t)
	f.badPolls = 3
	runBot(t, f, bot.Config{}, newService(t))
	f.push("private", 1, "/help", nil)
	f.waitSent(t, 1)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.badPolls != 0 {
		t.Errorf("the failing polls were not made: %d left", f.badPolls)
	}
}

// TestConcurrentReloadsAreSerialised: a second /reload while one runs is
// told so, the first one finishes and reports, and Reload never overlaps.
func TestConcurrentReloadsAreSerialised(t *testing.T) {
	f := newFakeAPI(t)
	var mu sync.Mutex
	running, overlapped, calls := 0, false, 0
	release := make(chan struct{})
	reload := func(context.Context) (bot.Answerer, []string, string, error) {
		mu.Lock()
		running++
		calls++
		overlapped = overlapped || running > 1
		mu.Unlock()
		<-release
		mu.Lock()
		running--
		mu.Unlock()
		return reloaded{2}, nil, "7 статей", nil
	}
	admin := map[string]any{"from": map[string]any{"id": 99, "is_bot": false, "first_name": "Админ"}}
	runBot(t, f, bot.Config{AdminIDs: []int64{99}, Reload: reload, Workers: 4}, reloaded{1})
	f.push("private", 1, "/reload", admin)
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		started := calls == 1
		mu.Unlock()
		if started || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	f.push("private", 2, "/reload", admin)
	got := f.waitSent(t, 1)
	if !strings.Contains(got[0].form["text"], "уже перечитывается") {
		t.Errorf("second reload: %q", got[0].form["text"])
	}
	close(release)
	got = f.waitSent(t, 2)
	if !strings.Contains(got[1].form["text"], "7 статей") {
		t.Errorf("first reload's report: %q", got[1].form["text"])
	}
	mu.Lock()
	defer mu.Unlock()
	if overlapped || calls != 1 {
		t.Errorf("reloads overlapped=%v, calls=%d", overlapped, calls)
	}
}

// TestButtonsBelongToTheirChat: a choice button pressed with another chat's
// message posts nothing anywhere and says the button is stale; ids are
// random, and button JSON holds only text and callback_data.
func TestButtonsBelongToTheirChat(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, newService(t))
	f.push("private", 1, "/who", nil)
	first := f.waitSent(t, 1)[0]
	if strings.Contains(first.form["reply_markup"], "copy_text") {
		t.Errorf("button JSON carries copy_text: %s", first.form["reply_markup"])
	}
	var markup struct {
		InlineKeyboard [][]map[string]any `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(first.form["reply_markup"]), &markup); err != nil || len(markup.InlineKeyboard) == 0 {
		t.Fatalf("no keyboard: %v %s", err, first.form["reply_markup"])
	}
	for _, row := range markup.InlineKeyboard {
		for _, btn := range row {
			for k := range btn {
				if k != "text" && k != "callback_data" {
					t.Errorf("button field %q sent", k)
				}
			}
		}
	}
	btn := buttons(first)[0]
	_, rest, _ := strings.Cut(btn.CallbackData, ":")
	id, _, _ := strings.Cut(rest, ":")
	if len(id) < 12 {
		t.Errorf("button id %q is short enough to guess", id)
	}
	f.pushCallback(-100500, btn.CallbackData) // the same data, pressed from another chat
	answered := waitCalls(t, f, "answerCallbackQuery", 1)
	if !strings.Contains(answered[0].form["text"], "устарела") {
		t.Errorf("foreign press answered %q", answered[0].form["text"])
	}
	time.Sleep(200 * time.Millisecond)
	if got := f.sent("sendMessage"); len(got) != 1 {
		t.Errorf("a foreign press posted %d messages", len(got)-1)
	}
	f.pushCallback(1, btn.CallbackData) // the owner's press still works
	got := f.waitSent(t, 2)
	if got[1].form["chat_id"] != "1" {
		t.Errorf("the owner's press went to chat %s", got[1].form["chat_id"])
	}
}

// TestInlineRespectsAllowedChatsAndFlood: an outsider's inline query gets
// no excerpts, and one user's burst is cut by the flood guard.
func TestInlineRespectsAllowedChatsAndFlood(t *testing.T) {
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{AllowedChats: []int64{7}, FloodLimit: 3, FloodWindow: time.Minute}, newService(t))
	push := func(id string, user int) {
		f.mu.Lock()
		f.updates = append(f.updates, map[string]any{"update_id": f.nextID, "inline_query": map[string]any{
			"id": id, "query": "Где Токаев принимал Блинкена?", "offset": "", "from": map[string]any{"id": user, "is_bot": false, "first_name": "X"}}})
		f.nextID++
		f.mu.Unlock()
	}
	push("outsider", 8)
	for i := range 6 {
		push(fmt.Sprint("own", i), 7)
	}
	calls := waitCalls(t, f, "answerInlineQuery", 7)
	answered := 0
	for _, c := range calls {
		full := c.form["results"] != "[]"
		if c.form["inline_query_id"] == "outsider" && full {
			t.Errorf("an outsider got excerpts")
		}
		if strings.HasPrefix(c.form["inline_query_id"], "own") && full {
			answered++
		}
	}
	if answered != 3 {
		t.Errorf("%d of 6 inline queries answered, want the flood limit of 3", answered)
	}
}

// TestResultLinksAndOpensArticle: a result's title links to the catalog's
// url; its «📄 1» button sends the whole article, title linked, with text
// the excerpt did not show.
func TestResultLinksAndOpensArticle(t *testing.T) {
	fsys := fstest.MapFS{
		"memo.txt": {Data: []byte("Казахстан и США подписали меморандум\nАСТАНА, 14 марта 2024. /Интерфакс-Казахстан/ – Министр Ерлан Жумабаев и Майкл Харпер подписали меморандум о критических минералах.\n" +
			"Документ предусматривает совместную разведку месторождений.\nВ конце статьи говорится о планах на лето и о геологах из Невады.")},
		"other.txt":   {Data: []byte("Погода\nВ Астане ожидается снег и сильный ветер.")},
		"catalog.tsv": {Data: []byte("file\tpublished\tsource\turl\nmemo.txt\t2024-03-14\tИнтерфакс-Казахстан\thttps://example.kz/news/memo?id=1&lang=ru\n")},
	}
	ix, err := index.Open(context.Background(), fsys, index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, answers.New(ix, nil))
	f.push("private", 3, "Что подписал Жумабаев?", nil)
	first := f.waitSent(t, 1)[0]
	if !strings.Contains(first.form["text"], `<a href="https://example.kz/news/memo?id=1&amp;lang=ru">`) {
		t.Errorf("the result's title is not linked:\n%s", first.form["text"])
	}
	var markup struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(first.form["reply_markup"]), &markup); err != nil || len(markup.InlineKeyboard) == 0 {
		t.Fatalf("no buttons: %q", first.form["reply_markup"])
	}
	open := markup.InlineKeyboard[len(markup.InlineKeyboard)-1][0]
	if open.Text != "📄 1" {
		t.Fatalf("first open button %q", open.Text)
	}
	f.pushCallback(3, open.CallbackData)
	article := f.waitSent(t, 2)[1].form["text"]
	for _, want := range []string{"геологах из Невады", "Интерфакс-Казахстан", `<a href="https://example.kz/news/memo?id=1&amp;lang=ru"><b>Казахстан и США подписали меморандум</b></a>`} {
		if !strings.Contains(article, want) {
			t.Errorf("the article lacks %q:\n%s", want, article)
		}
	}
	f.pushCallback(99, open.CallbackData) // another chat pressing it gets nothing
	waitCalls(t, f, "answerCallbackQuery", 2)
	if n := len(f.sent("sendMessage")); n != 2 {
		t.Errorf("%d messages after a foreign press, want 2", n)
	}
}
