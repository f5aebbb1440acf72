// Package pcm handles 16-bit little-endian mono PCM: loudness, resampling
// and WAV files (what OpenAI-compatible speech servers take and return).
package pcm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Samples decodes PCM16 LE bytes (an odd trailing byte is ignored).
func Samples(b []byte) []int16 {
	out := make([]int16, len(b)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return out
}

// Encode is the inverse of Samples.
func Encode(s []int16) []byte {
	out := make([]byte, 2*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint16(out[2*i:], uint16(v))
	}
	return out
}

// RMS is the root mean square of b's samples on a 0..1 scale.
func RMS(b []byte) float64 {
	n := len(b) / 2
	if n == 0 {
		return 0
	}
	var sum float64
	for i := 0; i < n; i++ {
		v := float64(int16(binary.LittleEndian.Uint16(b[2*i:]))) / 32768
		sum += v * v
	}
	return math.Sqrt(sum / float64(n))
}

// Resample converts b from rate `from` to rate `to` by linear
// interpolation: enough for speech between 16 and 48 kHz.
func Resample(b []byte, from, to int) []byte {
	if from == to || from <= 0 || to <= 0 {
		return b
	}
	in := Samples(b)
	if len(in) == 0 {
		return nil
	}
	n := int(int64(len(in)) * int64(to) / int64(from))
	out := make([]int16, n)
	step := float64(from) / float64(to)
	for i := range out {
		pos := float64(i) * step
		j := int(pos)
		frac := pos - float64(j)
		a := float64(in[j])
		c := a
		if j+1 < len(in) {
			c = float64(in[j+1])
		}
		out[i] = int16(math.Round(a + (c-a)*frac))
	}
	return Encode(out)
}

// Tone is d of a sine wave at freq Hz with amplitude amp (0..1): a stand-in
// for speech in tests and fakes.
func Tone(rate int, ms int, freq, amp float64) []byte {
	n := rate * ms / 1000
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(amp * 32767 * math.Sin(2*math.Pi*freq*float64(i)/float64(rate)))
	}
	return Encode(s)
}

// Silence is ms of zeros.
func Silence(rate int, ms int) []byte { return make([]byte, 2*(rate*ms/1000)) }

// Chunks splits b into frames of ms milliseconds (the last may be shorter).
func Chunks(b []byte, rate, ms int) [][]byte {
	size := 2 * rate * ms / 1000
	if size <= 0 {
		return [][]byte{b}
	}
	var out [][]byte
	for len(b) > 0 {
		k := min(size, len(b))
		out = append(out, b[:k])
		b = b[k:]
	}
	return out
}

// WAV wraps PCM16 mono at rate in a RIFF/WAVE file.
func WAV(b []byte, rate int) []byte {
	var w bytes.Buffer
	w.WriteString("RIFF")
	binary.Write(&w, binary.LittleEndian, uint32(36+len(b)))
	w.WriteString("WAVEfmt ")
	binary.Write(&w, binary.LittleEndian, uint32(16))
	binary.Write(&w, binary.LittleEndian, uint16(1)) // PCM
	binary.Write(&w, binary.LittleEndian, uint16(1)) // mono
	binary.Write(&w, binary.LittleEndian, uint32(rate))
	binary.Write(&w, binary.LittleEndian, uint32(rate*2))
	binary.Write(&w, binary.LittleEndian, uint16(2))
	binary.Write(&w, binary.LittleEndian, uint16(16))
	w.WriteString("data")
	binary.Write(&w, binary.LittleEndian, uint32(len(b)))
	w.Write(b)
	return w.Bytes()
}

// ParseWAV reads a PCM16 WAV file and returns its samples as mono PCM16
// (channels are averaged) and its rate.
func ParseWAV(b []byte) ([]byte, int, error) {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return nil, 0, errors.New("pcm: not a RIFF/WAVE file")
	}
	r := bytes.NewReader(b[12:])
	var rate, channels, bits int
	for {
		var id [4]byte
		var size uint32
		if _, err := io.ReadFull(r, id[:]); err != nil {
			return nil, 0, errors.New("pcm: WAV file has no data chunk")
		}
		if err := binary.Read(r, binary.LittleEndian, &size); err != nil {
			return nil, 0, err
		}
		switch string(id[:]) {
		case "fmt ":
			var f struct {
				Format, Channels uint16
				Rate, ByteRate   uint32
				Align, Bits      uint16
			}
			if size < 16 || binary.Read(r, binary.LittleEndian, &f) != nil {
				return nil, 0, errors.New("pcm: bad fmt chunk")
			}
			if f.Format != 1 && f.Format != 0xFFFE {
				return nil, 0, fmt.Errorf("pcm: WAV format %d is not PCM", f.Format)
			}
			rate, channels, bits = int(f.Rate), int(f.Channels), int(f.Bits)
			r.Seek(int64(size)-16+int64(size%2), io.SeekCurrent)
		case "data":
			if rate == 0 {
				return nil, 0, errors.New("pcm: data before fmt")
			}
			if bits != 16 || channels < 1 {
				return nil, 0, fmt.Errorf("pcm: %d-bit %d-channel WAV; want 16-bit", bits, channels)
			}
			// A streamed WAV may give size 0 or 0xFFFFFFFF: read to the end.
			data := make([]byte, min(int(size), r.Len()))
			if size == 0 || size == math.MaxUint32 {
				data = make([]byte, r.Len())
			}
			io.ReadFull(r, data)
			if channels == 1 {
				return data, rate, nil
			}
			s := Samples(data)
			mono := make([]int16, len(s)/channels)
			for i := range mono {
				sum := 0
				for c := 0; c < channels; c++ {
					sum += int(s[i*channels+c])
				}
				mono[i] = int16(sum / channels)
			}
			return Encode(mono), rate, nil
		default:
			r.Seek(int64(size)+int64(size%2), io.SeekCurrent)
		}
	}
}
