package scenarios

import (
	"slices"
	"strings"
	"testing"
)

// TestNumericKeysCanBeSet: every key NumericKeys lists is one SetNumber
// (and --set) reaches, and setting it changes what NumericKeys reports
// for that key and for no other.
func TestNumericKeysCanBeSet(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			s, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			keys := s.NumericKeys()
			if len(keys) < 50 {
				t.Fatalf("%d numeric keys; want the whole file and factor space", len(keys))
			}
			seen := map[string]bool{}
			for _, k := range keys {
				if seen[k.Key] {
					t.Fatalf("%s is listed twice", k.Key)
				}
				seen[k.Key] = true
				if !(k.Value >= k.Lo && k.Value <= k.Hi) {
					t.Errorf("%s = %v lies outside its valid range [%v, %v]", k.Key, k.Value, k.Lo, k.Hi)
				}
			}
			for i, k := range keys {
				c := s.Clone()
				v := k.Value + 1
				if k.Hi < v {
					v = (k.Lo + k.Hi) / 2
					if k.Integer {
						v = k.Lo
					}
				}
				if err := c.SetNumber("test", k.Key, v); err != nil {
					t.Fatalf("SetNumber %s: %v", k.Key, err)
				}
				after := c.NumericKeys()
				if len(after) != len(keys) {
					t.Fatalf("setting %s changed the keys listed: %d, then %d", k.Key, len(keys), len(after))
				}
				for j, a := range after {
					want := keys[j].Value
					if j == i {
						want = v
					}
					if a.Key != keys[j].Key || a.Value != want {
						t.Fatalf("after SetNumber %s=%v: key %d is %s=%v; want %s=%v", k.Key, v, j, a.Key, a.Value, keys[j].Key, want)
					}
				}
			}
		})
	}
}

func TestNumericKeysOfClassroom(t *testing.T) {
	s, err := Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]NumericKey{}
	for _, k := range s.NumericKeys() {
		got[k.Key] = k
	}
	tests := []struct {
		key     string
		value   float64
		integer bool
		group   string
		role    string
	}{
		{"seed", 2018, true, GroupScenario, RoleSetting},
		{"links.3.hazard", 0.003, false, GroupScenario, ""},
		{"origins.Village.documented", 0.3, false, GroupScenario, ""},
		{"posts.Post.capacity", 15, false, GroupScenario, ""},
		{"markets.Town.max_smugglers", 10, true, GroupScenario, ""},
		{"centres.Town.reach", 3, true, GroupScenario, ""},
		{"migrants.trapped_after_days", 14, true, GroupScenario, RoleDefinition},
		{"abuse.queue_effect", 0.5, false, GroupScenario, ""},
		{"harm_weights.death", 100, false, GroupScenario, ""},
		{"factors.reliability.failing.outage_days", 7, false, GroupFactor, ""},
		{"factors.integrity.weak.oversight", 0.4, false, GroupFactor, ""},
		{"factors.protection.hbm.assist_after_days", 21, true, GroupFactor, ""},
	}
	for _, tt := range tests {
		k, ok := got[tt.key]
		if !ok {
			t.Errorf("%s is not listed", tt.key)
			continue
		}
		if k.Value != tt.value || k.Integer != tt.integer || k.Group != tt.group || k.Role != tt.role {
			t.Errorf("%s = %+v; want value %v, integer %v, group %s, role %q", tt.key, k, tt.value, tt.integer, tt.group, tt.role)
		}
	}
	for _, absent := range []string{"origins.Village.inflow_csv", "factors.admission.open.admission", "posts.Post.refusal"} {
		if _, ok := got[absent]; ok {
			t.Errorf("%s is listed; it is no number the file holds", absent)
		}
	}
	if k := got["abuse.official_extortion"]; k.Lo != 0 || k.Valid == "" {
		t.Errorf("abuse.official_extortion: valid range [%v, %v] %q", k.Lo, k.Hi, k.Valid)
	}
}

// TestNumericKeysOfNewerTables: the keys of programmes, phases, Flee
// cases and real maps are listed with their roles: coordinates and the
// days that order a schedule, a phase or a programme are marked, the
// numbers the engine reads as assumptions are not.
func TestNumericKeysOfNewerTables(t *testing.T) {
	tests := []struct {
		scenario, key string
		value         float64
		role          string
	}{
		{"agadez2016", "people_per_agent", 20, RoleSetting},
		{"agadez2016", "locations.Agadez.lat", 16.97, RoleCoordinate},
		{"agadez2016", "locations.Agadez.lon", 7.99, RoleCoordinate},
		{"agadez2016", "phases.0.from", 0, RoleSchedule},
		{"agadez2016", "phases.0.to", 213, RoleSchedule},
		{"agadez2016", "harm_weights.stranded_day", 0.1, ""},
		{"mauritania", "programmes.eu-iom-posts.start", 0, RoleSchedule},
		{"mauritania", "programmes.eu-iom-posts.end", 270, RoleSchedule},
		{"mauritania", "programmes.eu-iom-posts.budget", 1.74e6, ""},
		{"mauritania", "programmes.eu-iom-posts.equipment.document_check", 0.8, ""},
		{"mauritania", "programmes.eu-iom-posts.construction.build_days", 180, ""},
		{"mali2012", "locations.Kidal.population", 25617, ""},
		{"mali2012", "locations.Kidal.conflict.0.from", 0, RoleSchedule},
		{"mali2012", "locations.Kidal.conflict.0.intensity", 1, ""},
		{"mali2012", "locations.Fassala-Mbera.capacity", 66617, ""},
	}
	keys := map[string]map[string]NumericKey{}
	for _, tt := range tests {
		if keys[tt.scenario] == nil {
			s, err := Load(tt.scenario)
			if err != nil {
				t.Fatal(err)
			}
			keys[tt.scenario] = map[string]NumericKey{}
			for _, k := range s.NumericKeys() {
				keys[tt.scenario][k.Key] = k
			}
		}
		k, ok := keys[tt.scenario][tt.key]
		if !ok {
			t.Errorf("%s: %s is not listed", tt.scenario, tt.key)
			continue
		}
		if k.Value != tt.value || k.Role != tt.role {
			t.Errorf("%s: %s = %v, role %q; want %v, role %q", tt.scenario, tt.key, k.Value, k.Role, tt.value, tt.role)
		}
	}
}

func TestNumericKeysOfOwnRegimes(t *testing.T) {
	s, err := Load("agadez")
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	for _, k := range s.NumericKeys() {
		if k.Group == GroupRegime {
			own = append(own, k.Key)
		}
	}
	want := []string{"regimes.trained.screening", "regimes.trained.asylum_share", "regimes.trained.assist_after_days"}
	if !slices.Equal(own, want) {
		t.Errorf("the trained regime's own keys: %v; want %v", own, want)
	}
}

func TestSetNumberErrors(t *testing.T) {
	s, err := Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key  string
		v    float64
		want string
	}{
		{"migrants.trapped_after_days", 7.5, "whole number"},
		{"abuse.queue_efect", 1, "queue_effect"},
		{"name", 1, "not a number"},
		{"regimes.x.patrl", 1, "patrol"},
		{"origins.Village.documentd", 0.5, "documented"},
	}
	before, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		c := s.Clone()
		err := c.SetNumber("--params", tt.key, tt.v)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "--params "+tt.key) {
			t.Errorf("SetNumber(%s, %v) = %v; want an error naming --params %s and %q", tt.key, tt.v, err, tt.key, tt.want)
		}
		// A setting that fails changes nothing, as --set does not.
		if after, err := c.Encode(); err != nil || string(after) != string(before) {
			t.Errorf("SetNumber(%s, %v) failed but changed the scenario (%v)", tt.key, tt.v, err)
		}
	}
	c := s.Clone()
	if err := c.SetNumber("sensitivity point 3", "origins.Village.minor", 0.95); err != nil {
		t.Fatal(err)
	}
	err = c.Validate()
	if err == nil || !strings.Contains(err.Error(), "sensitivity point 3 origins.Village.minor=0.95") {
		t.Errorf("Validate after SetNumber = %v; want the error to name the point's setting", err)
	}
}
