package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// JSONError says an error of json.Unmarshal on data in the words of the
// file's reader: where it is (line and column) and what is wrong, with
// the key and the kind of value wanted, rather than Go's types ("cannot
// unmarshal string into Go struct field Manifest.seed of type int64").
// Other errors are returned as they are.
func JSONError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var kind *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		line, col := lineColumn(data, syntax.Offset)
		msg := syntax.Error()
		if syntax.Offset >= int64(len(data)) {
			msg += " (the file is cut short)"
		}
		return fmt.Errorf("line %d, column %d: not valid JSON: %s", line, col, msg)
	case errors.As(err, &kind):
		if kind.Field == "" {
			return fmt.Errorf("holds %s, not the JSON object a manifest is", withArticle(kind.Value))
		}
		return fmt.Errorf("%s: want %s, got %s", kind.Field, jsonKind(kind.Type), withArticle(kind.Value))
	}
	return err
}

// lineColumn is the line and column (from 1, in bytes) of offset in data,
// at which the JSON decoder stopped: one past the byte it refused.
func lineColumn(data []byte, offset int64) (line, col int) {
	at := int(min(max(offset-1, 0), int64(len(data))))
	before := data[:at]
	line = 1 + bytes.Count(before, []byte("\n"))
	return line, at - bytes.LastIndexByte(before, '\n')
}

// jsonKind names the kind of JSON value t is decoded from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "text in double quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list in brackets"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "an object in braces"
}

// withArticle is a JSON value's kind as the decoder names it ("string",
// "array", "number 1.5") with an article.
func withArticle(v string) string {
	switch {
	case v == "array" || v == "object":
		return "an " + v
	case v == "string":
		return "text"
	}
	return "a " + v
}
