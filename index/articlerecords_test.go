package index

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/index/russian"
)

// TestArticleRecordsRoundTrip: records of every shape come back as written,
// across chunk boundaries; a chunk cut short or garbled is an error, never a
// panic or a wrong record.
func TestArticleRecordsRoundTrip(t *testing.T) {
	shapes := []articleRecord{
		{ID: "001_6c928640fa13d394", Title: "Блинкен прибыл в Астану", Source: "КазТАГ", URL: "https://kaztag.kz/ru/1",
			Published: russian.Date{Year: 2023, Month: 2, Day: 28}, Dateline: russian.Date{Year: 2023, Month: 2, Day: 28},
			At: 1 << 33, Size: 4096, Sentences: 17},
		{ID: "a", Sentences: 1}, // no title, source, address or dates
		{ID: "год", Title: strings.Repeat("Ё", 300), Sentences: 2},          // a length over one varint byte
		{ID: "x", Published: russian.Date{Month: 10, Day: 3}, Sentences: 3}, // a day without its year
		{ID: "до н. э.", Published: russian.Date{Year: -44}, Sentences: 1},
	}
	var records []articleRecord
	for i := range 2*snapshotChunk + 3 {
		records = append(records, shapes[i%len(shapes)])
	}
	var buf bytes.Buffer
	if err := encodeArticleRecords(gob.NewEncoder(&buf), records); err != nil {
		t.Fatal(err)
	}
	encoded := buf.Bytes()
	got, err := decodeArticleRecords(gob.NewDecoder(bytes.NewReader(encoded)), len(records))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, records) {
		t.Fatal("records differ after a round trip")
	}
	if _, err := decodeArticleRecords(gob.NewDecoder(bytes.NewReader(encoded)), len(records)+1); err == nil {
		t.Error("one record more than written was read without error")
	}
	var one bytes.Buffer
	encodeArticleRecords(gob.NewEncoder(&one), shapes[:1])
	var packed []byte // the record's own bytes, inside its gob message
	if err := gob.NewDecoder(&one).Decode(&packed); err != nil {
		t.Fatal(err)
	}
	for cut := 1; cut < len(packed); cut++ {
		var msg bytes.Buffer
		gob.NewEncoder(&msg).Encode(packed[:cut])
		if r, err := decodeArticleRecords(gob.NewDecoder(&msg), 1); err == nil {
			t.Errorf("record cut at %d of %d bytes read as %+v", cut, len(packed), r)
		}
	}
}

// FuzzArticleRecords: no chunk of bytes makes the decoder panic.
func FuzzArticleRecords(f *testing.F) {
	f.Add([]byte{3, 'a', 'b', 'c', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, chunk []byte) {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(chunk); err != nil {
			t.Skip()
		}
		decodeArticleRecords(gob.NewDecoder(&buf), 3)
	})
}

// decodeArticleRecords reads n records written by encodeArticleRecords into
// a slice, as eachArticleRecord hands them over.
func decodeArticleRecords(dec *gob.Decoder, n int) ([]articleRecord, error) {
	out := make([]articleRecord, 0, n)
	err := eachArticleRecord(dec, n, func(r articleRecord) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
