package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/bot"
	"github.com/corpusbot/corpusbot/index"
)

func serviceOf(t *testing.T, files map[string]string) *answers.Service {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	ix, err := index.Open(context.Background(), fsys, index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return answers.New(ix, nil)
}

// TestFollowsReachEveryFollowingChat: a person and a topic are followed in
// private chats and a group; a new article reaches each once, only in
// allowed chats; a group that becomes a supergroup keeps its subscriptions;
// a chat that blocked the bot, or removed it, loses them.
func TestFollowsReachEveryFollowingChat(t *testing.T) {
	before := map[string]string{"a.txt": "Меморандум\nМинистр Ерлан Жумабаев подписал меморандум о минералах."}
	after := map[string]string{"a.txt": before["a.txt"],
		"b.txt": "Санкции и рудники\nАСТАНА, 2 апреля 2024. /КазТАГ/ – Министр Ерлан Жумабаев открыл рудник, несмотря на санкции."}
	f := newFakeAPI(t)
	f.blocked = map[string]bool{"3": true}
	state := t.TempDir()
	b, _, _ := runBot(t, f, bot.Config{StateDir: state, AllowedChats: []int64{1, 2, 3, 5, -100, -1005}}, serviceOf(t, before))
	f.push("private", 1, "/follow Жумабаева", nil)
	f.push("private", 2, "/follow санкции", nil)
	f.push("private", 3, "/follow Жумабаев", nil) // its confirmation already fails: blocked
	f.push("private", 4, "/follow Жумабаев", nil) // not an allowed chat
	f.push("private", 5, "/follow Жумабаев", nil)
	f.push("group", -100, "/follow@CorpusTestBot Жумабаев", nil)
	f.waitSent(t, 5)
	f.push("group", -100, "", map[string]any{"migrate_to_chat_id": -1005})
	f.pushUpdate(map[string]any{"my_chat_member": map[string]any{
		"chat": map[string]any{"id": 5, "type": "private"}, "date": 0,
		"from":            map[string]any{"id": 5, "is_bot": false, "first_name": "П"},
		"old_chat_member": map[string]any{"status": "member", "user": map[string]any{"id": 42, "is_bot": true, "first_name": "C"}},
		"new_chat_member": map[string]any{"status": "kicked", "until_date": 0, "user": map[string]any{"id": 42, "is_bot": true, "first_name": "C"}},
	}})
	saved := filepath.Join(state, "follows-42.json")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		b, _ := os.ReadFile(saved) // the migration and the removal are handled
		if strings.Contains(string(b), `"-1005":`) && !strings.Contains(string(b), `"5":`) {
			break
		}
	}
	n := len(f.sent("sendMessage"))
	b.Update(context.Background(), serviceOf(t, after), []string{"b"})
	got := map[string][]string{}
	for _, c := range f.sent("sendMessage")[n:] {
		got[c.form["chat_id"]] = append(got[c.form["chat_id"]], c.form["text"])
	}
	for _, chat := range []string{"1", "2", "-1005"} {
		if len(got[chat]) != 1 || !strings.Contains(got[chat][0], "Новая статья по подписке") || !strings.Contains(got[chat][0], "открыл рудник") {
			t.Errorf("chat %s got %q", chat, got[chat])
		}
	}
	for _, chat := range []string{"3", "4", "5", "-100"} {
		if len(got[chat]) != 0 {
			t.Errorf("chat %s should get nothing, got %q", chat, got[chat])
		}
	}
	kept, _ := os.ReadFile(saved)
	for _, gone := range []string{`"3"`, `"4"`, `"5"`, `"-100"`} {
		if strings.Contains(string(kept), gone+":") {
			t.Errorf("chat %s still has subscriptions:\n%s", gone, kept)
		}
	}
	if !strings.Contains(string(kept), `"-1005":`) {
		t.Errorf("the supergroup lost the group's subscriptions:\n%s", kept)
	}
}

// TestFollowCommands: /follow lists, a repeat is told, an ambiguous name
// offers buttons, /unfollow by surname removes, an empty subject is asked.
func TestFollowCommands(t *testing.T) {
	svc := serviceOf(t, map[string]string{
		"a.txt": "Братья\nАлексей Иванов и Сергей Иванов открыли завод. Министр Ерлан Жумабаев приехал на открытие.",
	})
	f := newFakeAPI(t)
	runBot(t, f, bot.Config{}, svc)
	steps := []struct{ msg, want string }{
		{"/follow", "Подписок нет"},
		{"/follow Жумабаеву", "Подписка оформлена: Ерлан Жумабаев"},
		{"/follow Ерлан Жумабаев", "уже есть"},
		{"/follow Иванов", "несколько человек"},
		{"/follow редкоземельные металлы", "тема «редкоземельные металлы»"},
		{"/follow", "• редкоземельные металлы (тема)"},
		{"/unfollow Жумабаева", "Подписка «Ерлан Жумабаев» отменена"},
		{"/unfollow Жумабаева", "Подписки «Жумабаева» нет"},
		{"/follow и", "на что подписаться"},
	}
	for i, s := range steps {
		f.push("private", 9, s.msg, nil)
		text := f.waitSent(t, i+1)[i].form["text"]
		if !strings.Contains(text, s.want) {
			t.Errorf("%s: %q lacks %q", s.msg, text, s.want)
		}
	}
}
