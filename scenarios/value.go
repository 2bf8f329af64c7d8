package scenarios

import "reflect"

// Values returns the value each key holds in the scenario as it runs,
// keys written as for Set. A regime's key is read from the resolved
// regime (its base chain and built-in definition included), and a factor
// level's key from the level (built-in or the file's, with every key of
// its factor), so that a front end can show the value a key has before
// anyone overrides it. A key left unset (an optional key without a
// default) gives nil.
func (s *Scenario) Values(keys ...string) ([]any, error) {
	data, err := s.encodeFlat()
	if err != nil {
		return nil, err
	}
	resolved, err := Parse(data, s.display, s.Source, s.dir)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(keys))
	for i, key := range keys {
		var undo undoList                                        // walk may add a regime or table; these are copies, dropped
		if _, _, err := s.Clone().walk(key, &undo); err != nil { // a key of the scenario as given
			return nil, Errors{{File: s.display, Key: key, Msg: err.Error()}}
		}
		val, _, err := resolved.walk(key, &undo)
		if err != nil {
			return nil, Errors{{File: s.display, Key: key, Msg: err.Error()}}
		}
		for val.Kind() == reflect.Pointer {
			if val.IsNil() {
				val = reflect.Value{}
				break
			}
			val = val.Elem()
		}
		if val.IsValid() {
			out[i] = val.Interface()
		}
	}
	return out, nil
}

// Value is Values for one key.
func (s *Scenario) Value(key string) (any, error) {
	v, err := s.Values(key)
	if err != nil {
		return nil, err
	}
	return v[0], nil
}
