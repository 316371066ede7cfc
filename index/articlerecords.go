package index

import (
	"encoding/binary"
	"encoding/gob"
	"errors"

	"github.com/corpusbot/corpusbot/index/russian"
)

// The articles' records are the part of a snapshot that every open reads,
// so they are packed by hand: gob's reflection took 2 µs a record, a tenth
// of an `ask` at 10,000 articles. Each chunk of snapshotChunk records is one
// gob message of bytes: per record, four strings (length, then bytes) and
// nine varints (the two dates, then where the text lies).

// encodeArticleRecords writes records in chunks.
func encodeArticleRecords(enc *gob.Encoder, records []articleRecord) error {
	var buf []byte
	for i := 0; i < len(records); i += snapshotChunk {
		buf = buf[:0]
		for _, r := range records[i:min(i+snapshotChunk, len(records))] {
			for _, s := range [...]string{r.ID, r.Title, r.Source, r.URL} {
				buf = binary.AppendUvarint(buf, uint64(len(s)))
				buf = append(buf, s...)
			}
			for _, n := range [...]int64{int64(r.Published.Year), int64(r.Published.Month), int64(r.Published.Day),
				int64(r.Dateline.Year), int64(r.Dateline.Month), int64(r.Dateline.Day), r.At, int64(r.Size), int64(r.Sentences)} {
				buf = binary.AppendVarint(buf, n)
			}
		}
		if err := enc.Encode(buf); err != nil {
			return err
		}
	}
	return nil
}

// errRecord is a chunk of records that does not parse.
var errRecord = errors.New("article record damaged")

// eachArticleRecord reads n records written by encodeArticleRecords and
// hands each to add, without a slice of them all. The strings of a chunk
// share one allocation.
func eachArticleRecord(dec *gob.Decoder, n int, add func(articleRecord) error) error {
	got := 0
	err := eachChunk(dec, n, func(chunk []byte) (int, error) {
		before := got
		text := string(chunk)
		for at := 0; at < len(text); {
			var r articleRecord
			var nums [9]int64
			for _, s := range [...]*string{&r.ID, &r.Title, &r.Source, &r.URL} {
				l, k := binary.Uvarint(chunk[at:])
				if k <= 0 || l > uint64(len(chunk)-at-k) {
					return 0, errRecord
				}
				at += k
				*s = text[at : at+int(l)]
				at += int(l)
			}
			for i := range nums {
				v, k := binary.Varint(chunk[at:])
				if k <= 0 || v > 1<<40 || v < -1<<40 {
					return 0, errRecord
				}
				nums[i], at = v, at+k
			}
			r.Published = russian.Date{Year: int(nums[0]), Month: int(nums[1]), Day: int(nums[2])}
			r.Dateline = russian.Date{Year: int(nums[3]), Month: int(nums[4]), Day: int(nums[5])}
			r.At, r.Size, r.Sentences = nums[6], int(nums[7]), int(nums[8])
			if err := add(r); err != nil {
				return 0, err
			}
			got++
		}
		return got - before, nil
	})
	if err != nil {
		return err
	}
	if got != n {
		return errStale
	}
	return nil
}
