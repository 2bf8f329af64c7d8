package sim

// ModelVersion numbers the engine's results: it goes up by one whenever the
// same scenario, seed and regime come to give different results (a rule,
// a random stream or the order of draws changed), and is recorded in
// every output folder's manifest so that a folder says which results it
// holds and a rerun by another version knows why it differs. When it
// goes up, the tests name every golden file, Example and quoted number
// that moved; the one thing they cannot compare is the page's screenshot
// in docs/img/classroom-page.png, to take again with
// go test ./cmd/borderwork -run TestPageServed -docs-screenshot.
//
//  1. The engine as first released.
//  2. Faster, same model in law: abuse at places and deaths and
//     interceptions on links are drawn by thinning (chance.go); a rumour
//     is one 64-bit draw, its decision and noise 32 bits each; rumour
//     pools sum beliefs exactly, as stored; beliefs are rounded half up
//     in one place (docs/MODEL.md, sections 7.3.5, 7.6 and 8).
//  3. The posts' policies of the day (schedule windows, phases,
//     programmes) take hold at the start of the day, before inflow, so
//     that migrants created on the day a window opens or closes set out
//     from that day's rules, not the day before's (on day 0, from the
//     windows in force on day 0). Scenarios without schedules give the
//     results of version 2 (docs/MODEL.md, sections 3 and 7.3.2).
//  4. A smuggling market whose smugglers have all left, or that starts
//     with none, counts the blocked migrants in its reach who would pay
//     its price as unmet demand, which draws new smugglers in. Before,
//     such a market was gone for good: no one asked for a seat where no
//     smuggler was, so entry had no signal, and the migrants it would
//     have taken stayed trapped. Runs in which every market always has a
//     smuggler in business give the results of version 3 (docs/MODEL.md,
//     section 7.11).
//  5. The unmet demand of version 4 counts only the blocked migrants
//     who would have asked a smuggler for a seat had one been in
//     business: those deciding at a place with no road they believe in,
//     and those in a queue who have run out of patience. Version 4 also
//     counted every migrant in a queue, however short its wait: at a
//     working post that admits them within the day, such migrants drew
//     smugglers back to an empty market under open borders, which
//     doubled the smugglers' abuse under open in the classroom scenario
//     (13.4 abuse events a run against 6.7). Runs in which every market
//     always has a smuggler give the results of versions 3 and 4
//     (docs/MODEL.md, section 7.11).
//  6. A migrant choosing among road options it believes in exactly
//     equally (the same chance of passing their posts, and the same
//     days), or leaving a post it has passed by one of several equally
//     short roads across, takes each of them with equal chance, by a
//     hash of the replicate, the migrant and the place (bestRoad,
//     tieLot): no stream changes. Before, the option whose link the
//     file listed first always won, so that two identical crossings side
//     by side were used as one, queues formed at the first while the
//     second stood idle, and results depended on the order of [[links]].
//     Runs in which no such tie arises give the results of version 5:
//     at their default replicates, every bundled scenario's but
//     mauritania's, whose roads onward from its posts often tie
//     (docs/MODEL.md, section 7.4).
//  7. A road option leading to a place from which equally short roads
//     pass different posts is weighed by the one of them the migrant
//     believes in most (tiedRoadChance, bestFrom; ties between those
//     by its lot where they part). Before, it was weighed by the posts
//     of the next-hop road, whose link the file listed first: in
//     mauritania, listing Bakel's two links the other way round moved
//     officials' abuse under malfunctioning from 10,822 to 10,427 a
//     run. Centres that inform migrants tell them the truth about the
//     posts on every one of those roads, not the first-listed only.
//     Regions without such places give the results of version 6:
//     every bundled scenario's but mauritania's (docs/MODEL.md,
//     section 7.4).
//  8. Of useful markets as near to a migrant, it goes to the one whose
//     ride ends nearest to its destination (marketFor); the first listed
//     only where the rides end as near. Before, the first listed always
//     won: in central-med, migrants at Toummo bound for Sicily went back
//     to Agadez's market for a ride to Sebha rather than on to Zuwara's,
//     as near, for a ride to Sicily itself, and swapping the two
//     [[markets]] entries moved abuse by smugglers under open from 88.9
//     to 25.1 events a run. Regions without such ties give the results
//     of version 7: every bundled scenario's but central-med's and
//     mauritania's (docs/MODEL.md, section 7.4).
const ModelVersion = 8
