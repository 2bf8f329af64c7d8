package scenarios

import (
	"maps"
	"reflect"
	"slices"
)

// Clone returns a deep copy: changes to one do not show in the other. A
// sweep clones its scenario once per point and sets the point's values.
func (s *Scenario) Clone() *Scenario {
	c := *s
	c.File = deepCopy(reflect.ValueOf(s.File)).Interface().(*File)
	c.regimeOrder = slices.Clone(s.regimeOrder)
	c.levelOrder = slices.Clone(s.levelOrder)
	c.sets = slices.Clone(s.sets)
	c.setKeys = maps.Clone(s.setKeys)
	return &c
}

// deepCopy copies a value of the File's types: structs, pointers, slices,
// maps and plain values.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		n := reflect.New(v.Type().Elem())
		n.Elem().Set(deepCopy(v.Elem()))
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			if n.Field(i).CanSet() {
				n.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return n
	case reflect.Slice:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			n.Index(i).Set(deepCopy(v.Index(i)))
		}
		return n
	case reflect.Map:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		n := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter := v.MapRange() // copying every entry: the order does not matter
		for iter.Next() {
			n.SetMapIndex(iter.Key(), deepCopy(iter.Value()))
		}
		return n
	}
	return v
}
