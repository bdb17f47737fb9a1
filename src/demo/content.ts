import type { DemoContent } from './types.js';

/**
 * Original demo content for Broadsheet: The Harwick Courier, a fictional regional daily
 * serving the fictional coastal county of Wenstow. Every place, person, organisation and
 * event below is invented.
 */
export const demoContent: DemoContent = {
  siteName: 'The Harwick Courier',

  sections: [
    {
      slug: 'news',
      name: 'News',
      description:
        'Breaking news, public services, schools and transport from Harwick Bay and across Wenstow.',
    },
    {
      slug: 'politics',
      name: 'Politics',
      description: 'County Hall, town councils, elections and the decisions that shape the county.',
    },
    {
      slug: 'business',
      name: 'Business',
      description: 'Jobs, the working harbour, local companies and the Wenstow economy.',
    },
    {
      slug: 'culture',
      name: 'Culture',
      description: 'Theatre, museums, music and festivals along the Wenstow coast and inland.',
    },
  ],

  people: [
    {
      slug: 'ruth-fennimore',
      name: 'Ruth Fennimore',
      email: 'ruth.fennimore@example.com',
      bio: 'Ruth Fennimore is the editor of the Courier, having spent twelve years as its news editor. She grew up in Kellingford and still refuses to say which farm her family backs in the Wool Fair sheepdog trials.',
      role: 'editor',
    },
    {
      slug: 'eleanor-pryce',
      name: 'Eleanor Pryce',
      email: 'eleanor.pryce@example.com',
      bio: 'Eleanor Pryce is the Courier’s chief reporter, covering courts, schools, transport and anything that happens in Wenstow before breakfast. She joined the paper as a trainee eleven years ago.',
      role: 'author',
    },
    {
      slug: 'tomasz-wierzbicki',
      name: 'Tomasz Wierzbicki',
      email: 'tomasz.wierzbicki@example.com',
      bio: 'Tomasz Wierzbicki is the Courier’s political editor and has reported on Wenstow County Council for eight years. He has sat through more budget meetings than he would care to count.',
      role: 'author',
    },
    {
      slug: 'priya-raman',
      name: 'Priya Raman',
      email: 'priya.raman@example.com',
      bio: 'Priya Raman writes about business, jobs and the working harbour. Before joining the Courier she reported on shipping and ports for a trade weekly.',
      role: 'author',
    },
    {
      slug: 'callum-ashdown',
      name: 'Callum Ashdown',
      email: 'callum.ashdown@example.com',
      bio: 'Callum Ashdown is the Courier’s arts and culture writer, reviewing theatre, exhibitions and music across the county. He once played the back half of a pantomime horse at the Lantern Theatre.',
      role: 'author',
    },
    {
      slug: 'sandra-kettle',
      name: 'Sandra Kettle',
      email: 'sandra.kettle@example.com',
      bio: 'Retired librarian, Harwick Bay.',
      role: 'commenter',
    },
    {
      slug: 'harbourwatcher',
      name: 'harbourwatcher',
      email: 'harbourwatcher@example.com',
      bio: 'Forty years on and around the water at Harwick Bay.',
      role: 'commenter',
    },
    {
      slug: 'marcus-penhale',
      name: 'Marcus Penhale',
      email: 'marcus.penhale@example.com',
      bio: 'Reads the council papers so you don’t have to.',
      role: 'commenter',
    },
    {
      slug: 'old-kellingfordian',
      name: 'OldKellingfordian',
      email: 'old.kellingfordian@example.com',
      bio: 'Born in Kellingford, never quite left.',
      role: 'commenter',
    },
    {
      slug: 'aileen-dorsey',
      name: 'Aileen Dorsey',
      email: 'aileen.dorsey@example.com',
      bio: 'Fallowdene born and bred.',
      role: 'commenter',
    },
    {
      slug: 'bus-stop-bev',
      name: 'bus_stop_bev',
      email: 'bus.stop.bev@example.com',
      bio: 'Waiting for the 14 since 1998.',
      role: 'commenter',
    },
    {
      slug: 'graham-whitlow',
      name: 'Graham Whitlow',
      email: 'graham.whitlow@example.com',
      bio: 'Semi-retired accountant in Pennock Cross.',
      role: 'commenter',
    },
    {
      slug: 'nisha-carver',
      name: 'Nisha Carver',
      email: 'nisha.carver@example.com',
      bio: 'Parent of two, Fallowdene.',
      role: 'commenter',
    },
  ],

  articles: [
    // ---------------------------------------------------------------- lead
    {
      slug: 'pennock-sands-storm-surge-floods-homes',
      section: 'news',
      headline:
        'Storm surge floods dozens of homes in Pennock Sands as temporary barrier gives way',
      standfirst:
        'Residents were taken from their homes by lifeboat crews before dawn after a section of the village’s temporary flood barrier collapsed under a high spring tide.',
      dateline: 'PENNOCK SANDS',
      authors: ['eleanor-pryce', 'tomasz-wierzbicki'],
      tags: ['Flooding', 'Council', 'Pennock Sands'],
      hoursAgo: 2,
      body: `More than forty homes in Pennock Sands were flooded early this morning when a storm surge driven by gale-force winds overtopped the village’s sea defences and a 30-metre section of its temporary flood barrier gave way.

Lifeboat volunteers and firefighters waded through knee-deep water in Marsh Lane and Coastguard Row shortly after 4am, helping residents, some still in their nightclothes, into boats and on to higher ground at St Edith’s church hall, which was opened as a rest centre.

Wenstow Fire and Rescue Service said 43 properties had been confirmed flooded by mid-morning, with water up to a metre deep in the lowest-lying streets. No one was seriously hurt, but two people were taken to Harwick Bay General Hospital as a precaution after being treated for the cold.

“It came over the top like someone had turned on a tap, and then the whole barrier just folded,” said Carol Venning, 71, who has lived on Marsh Lane for 40 years. “I’ve seen some tides, but I’ve never watched the sea walk up my front path.”

## Barrier ‘rated for this tide’

The temporary barrier, a line of water-filled steel and fabric units, was installed three winters ago as a stopgap while the county council prepared a permanent £18m flood wall for the village. That scheme has been delayed twice and is not now expected to start construction until next year.

Cllr Jenny Tolland, who represents Pennock Sands on Wenstow County Council and reached the rest centre before 6am, said residents had been given repeated assurances that the barrier would hold.

> “We were told in writing that the temporary defences were rated for exactly this kind of tide. People here have been patient for six years. Their patience ran out this morning, and frankly so has mine.”

Cllr Hilary Maddox, the council’s leader, said the authority would commission an independent review of why the barrier failed. “My first concern this morning is for the families who have been driven out of their homes overnight, and I want to thank the crews who got everyone out safely,” she said. “There will be hard questions about that barrier, and I will make sure they are answered in public.”

## Emergency funding

The council confirmed this morning that it would release £250,000 from its emergency reserve to pay for temporary accommodation and the clean-up. Households affected can claim an initial hardship payment of £500 through the council’s customer service centre in Harwick Bay.

[[related:county-budget-gap-opposition-vote]]

The Wenstow Drainage Board said its pumps at Pennock Sluice were running at full capacity and that water levels in the village were expected to fall steadily through the afternoon. A further high tide is due shortly after 5pm, although forecasters expect the wind to ease. Roads into the village from the Harwick Bay side remain closed, and Wenstow Coastlink said its buses would terminate at Pennock Cross until further notice.

Andy Sherwin, the lifeboat station’s operations manager, said crews had been at work for more than six hours. “Our volunteers went straight from their beds into the water,” he said. “They did a remarkable job, and they’ll be back out tonight if they’re needed.”`,
      related: ['county-budget-gap-opposition-vote', 'saltings-weldon-by-election-harbour'],
      update: {
        hoursAgo: 1,
        note: 'Updated with the number of properties confirmed flooded and the county council’s announcement of emergency funding.',
      },
      comments: [
        {
          author: 'harbourwatcher',
          body: 'Thoughts with everyone on Marsh Lane. If anyone needs somewhere dry to store furniture, the sailing club on West Quay has opened its boat shed. Just turn up.',
          hoursAgo: 1,
        },
        {
          author: 'sandra-kettle',
          body: 'Six years of “next year” for that wall. I hope the independent review looks at who signed off the temporary barrier in the first place.',
          hoursAgo: 1,
        },
      ],
    },

    // ---------------------------------------------------------------- school closure
    {
      slug: 'fallowdene-primary-closure-consultation',
      section: 'news',
      headline: 'Fallowdene Primary could close next year as county launches consultation',
      standfirst:
        'The village school, which has 41 pupils and room for 105, would merge with Kellingford Primary under proposals that parents say would put four-year-olds on a 25-minute bus ride.',
      dateline: 'FALLOWDENE',
      authors: ['eleanor-pryce'],
      tags: ['Schools', 'Council', 'Transport'],
      hoursAgo: 9,
      body: `Fallowdene Primary School, which has taught children in the village for 134 years, could close at the end of the next academic year under proposals published today by Wenstow County Council.

The council has opened a ten-week public consultation on merging the school with Kellingford Primary, five miles away, citing falling pupil numbers and the cost of maintaining its Victorian building. Fallowdene has 41 pupils on roll against a capacity of 105, and the council estimates that it needs £1.3m of work on its roof, heating and windows within five years.

Cllr Martin Gale, the cabinet member for children’s services, said no decision had been taken. “Nobody goes into public service wanting to close a village school,” he said. “But we have to be honest with parents about the numbers. When a school has fewer than half its places filled, the money per child is stretched across a building that costs more every year to heat and repair.”

## Parents organise

Within hours of the announcement, a group of parents had set up a campaign, Keep Fallowdene Learning, and collected more than 300 signatures on a petition at the school gates.

Laura Dennison, whose two children attend the school, said the proposal would mean four- and five-year-olds making a 25-minute journey each way along the valley road. “We moved here because of this school,” she said. “It is the heart of the village. The hall is where the toddler group meets, where we vote, where the nativity happens. If it goes, Fallowdene becomes somewhere people drive through.”

The head teacher, Fiona Rusk, said in a letter to families that staff would “carry on doing what we do best, which is teaching your children”, and urged parents to respond to the consultation in writing.

Kevin Aldred, the chair of governors, was more direct. “The governors were given the council’s figures eight days ago,” he said. “We don’t accept that the repair bill is as high as they say, and we don’t accept that the numbers will keep falling. There are 60 new homes approved on the edge of the village. Where are those children going to go?”

## Transport questions

Under the proposals, the council would provide free transport to Kellingford for every Fallowdene pupil. But the plans come only days after Wenstow Coastlink announced it would reroute one of the county’s busiest rural buses, and parents question whether a dedicated school service would survive future budget rounds.

[[related:route-14-bus-bypasses-marram-villages]]

Kellingford Primary’s head teacher, Samuel Oduya, said his school would welcome any children who joined. “We have room, we have a good team, and we would work hard to make sure Fallowdene families felt this was their school too,” he said.

The consultation closes in ten weeks, and two public meetings are planned, one at Fallowdene village hall and one at Kellingford Primary. Cllr Gale said a final decision would be made by the council’s cabinet in the spring.`,
      related: ['county-budget-gap-opposition-vote', 'route-14-bus-bypasses-marram-villages'],
      comments: [
        {
          author: 'aileen-dorsey',
          body: 'I went to Fallowdene in the 1970s when there were fewer than 30 of us, and it survived then. Numbers go up and down with every generation of families moving in and out.',
          hoursAgo: 8,
          replies: [
            {
              author: 'graham-whitlow',
              body: 'With respect, the 1970s didn’t come with a £1.3m repair bill. Sentiment doesn’t fix a roof.',
              hoursAgo: 7,
              replies: [
                {
                  author: 'aileen-dorsey',
                  body: 'Neither does a bus. If the roof is the problem, fix the roof. I’d bet it costs less than ten years of taxis to Kellingford.',
                  hoursAgo: 6,
                  replies: [
                    {
                      author: 'graham-whitlow',
                      body: 'Do you have a figure for that? Genuinely asking. I read somewhere that transport would be about £60,000 a year, which would take twenty years to match the repairs.',
                      hoursAgo: 5,
                      replies: [
                        {
                          author: 'eleanor-pryce',
                          body: 'The consultation document puts school transport at £58,000 a year for the first three years, with no estimate beyond that. We’ve asked the council for the longer-term projection and will report back when we have it.',
                          hoursAgo: 4,
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          author: 'nisha-carver',
          body: '*Sixty new homes* approved on the edge of the village, and the council wants to shut the school. Does the planning department ever talk to the education department?',
          hoursAgo: 8,
          replies: [
            {
              author: 'old-kellingfordian',
              body: 'They don’t need to talk, they sit in the same building. Whether they listen to each other is another matter.',
              hoursAgo: 6,
            },
          ],
        },
        {
          author: 'old-kellingfordian',
          body: 'For what it’s worth, Kellingford Primary is a lovely school and Mr Oduya is every bit as welcoming as he sounds. My grandson is there. Not a reason to close Fallowdene, but parents shouldn’t be frightened of it either.',
          hoursAgo: 7,
        },
        {
          author: 'marcus-penhale',
          body: 'Where can we read the consultation documents? I can’t find anything on the schools pages of the council website.',
          hoursAgo: 5,
          replies: [
            {
              author: 'sandra-kettle',
              body: 'They’re under “Have your say” rather than the schools pages, which is helpful of them. There are paper copies at Kellingford library too.',
              hoursAgo: 4,
            },
          ],
        },
      ],
    },

    // ---------------------------------------------------------------- council budget
    {
      slug: 'county-budget-gap-opposition-vote',
      section: 'politics',
      headline: 'County council’s £4.2m budget gap plan attacked ahead of decisive vote',
      standfirst:
        'Opposition councillors say plans to shut libraries for an extra day and raise parking charges hit rural towns hardest, while the ruling group insists there is no painless alternative.',
      dateline: 'HARWICK BAY',
      authors: ['tomasz-wierzbicki'],
      tags: ['Council', 'Budget', 'Transport'],
      hoursAgo: 20,
      body: `Wenstow County Council’s plan to close a £4.2m hole in next year’s budget faces a fierce challenge when it goes to a full council vote next week, after opposition councillors published an alternative that they say would protect libraries and rural bus services.

The ruling Civic Party group’s proposals, set out in papers released yesterday, include closing the county’s eleven libraries for an extra day each week, raising town-centre parking charges by an average of 20p an hour, and cutting £600,000 from the budget for subsidised bus routes. Council tax would rise by 4.99 per cent, the largest increase the council can make without holding a local referendum.

Cllr Deepa Sandhu, the cabinet member for finance, said the authority faced rising costs in adult social care and home-to-school transport that it could not control. “Every line of this budget has been argued over,” she said. “I don’t pretend any of it is welcome. But the alternative to difficult choices now is a far more brutal set of choices in two years’ time, and I won’t hand that to whoever sits in this chair next.”

## The opposition’s alternative

The opposition Wenstow Independents, who hold 19 of the council’s 55 seats, say the gap could be closed without touching libraries by drawing £1.5m from reserves, postponing the refurbishment of the council chamber at County Hall, and selling two empty office buildings in Harwick Bay.

Their leader, Cllr Owen Trevaskis, said the ruling group’s plan “balances the books on the backs of the people who live furthest from Harwick Bay”. Speaking at the launch of the alternative budget, he went further.

> “If you live in Kellingford or out towards Marram Point, this budget takes away your library on a Tuesday, your bus on a Sunday, and charges you more to park when you finally get into town. Meanwhile we are spending £800,000 on new seats and microphones for ourselves. I don’t think people will forgive that, and nor should they.”

Cllr Sandhu rejected the charge, saying the chamber works were needed to meet fire safety and accessibility standards, and that the reserves the opposition wanted to spend were “the money we keep for exactly the kind of emergency none of us can predict”.

## A tight vote

The Civic Party holds 27 seats, one short of an overall majority, after its councillor for Saltings and Weldon stood down in the autumn. Progress Wenstow has three councillors, five councillors sit as unaligned independents, and one seat is vacant until the by-election next month. That leaves the ruling group needing support from elsewhere to pass its budget.

[[related:saltings-weldon-by-election-harbour]]

Progress Wenstow’s group leader, Cllr Imogen Frayne, said her colleagues had not yet decided how to vote. “We’ve told both sides the same thing: show us how you protect the libraries and the Sunday buses, and we’ll listen,” she said. “Neither of them has quite done that yet.”

The full council meeting will be held at County Hall next week and streamed on the council’s website. Members of the public can attend, although seating in the gallery is limited to 60.`,
      related: [
        'fallowdene-primary-closure-consultation',
        'pennock-sands-storm-surge-floods-homes',
      ],
      comments: [
        {
          author: 'bus-stop-bev',
          body: 'Sunday buses are the only way some of us get to see family. Cutting them to save £600k while spending £800k on the chamber is *not* a good look.',
          hoursAgo: 18,
          replies: [
            {
              author: 'graham-whitlow',
              body: 'To be fair to the council, the article says the chamber work is about fire safety and accessibility, not comfy chairs. The opposition’s framing is doing a lot of work there.',
              hoursAgo: 16,
              replies: [
                {
                  author: 'bus-stop-bev',
                  body: 'Fair point on the fire safety. But then say that’s what it costs and show us the breakdown, instead of one lump sum.',
                  hoursAgo: 14,
                  replies: [
                    {
                      author: 'marcus-penhale',
                      body: 'The breakdown is in appendix F: roughly £510,000 for fire compartments and step-free access, and £290,000 for the sound and voting system. You can argue about the second figure, but not really the first.',
                      hoursAgo: 12,
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          author: 'marcus-penhale',
          body: 'The papers are all published, for anyone who wants to read them rather than the summaries: [budget papers and appendices](https://example.com/wenstow/council/budget-papers).',
          hoursAgo: 17,
          replies: [
            {
              author: 'sandra-kettle',
              body: 'Thanks Marcus. 214 pages. I’ll report back in the spring.',
              hoursAgo: 15,
            },
          ],
        },
        {
          author: 'nisha-carver',
          body: 'Genuine question: if Progress Wenstow abstain, does the budget still pass? Or does it need an outright majority of the whole council?',
          hoursAgo: 15,
          replies: [
            {
              author: 'old-kellingfordian',
              body: 'As far as I know it just needs more votes for than against, so abstentions help the ruling group. Happy to be corrected.',
              hoursAgo: 13,
            },
          ],
        },
        {
          author: 'aileen-dorsey',
          body: 'Spending reserves to avoid cuts is how councils end up in real trouble. I don’t like the library closures, but I’d rather that than the council going bust.',
          hoursAgo: 10,
        },
      ],
    },

    // ---------------------------------------------------------------- museum review
    {
      slug: 'review-salt-and-iron-harwick-maritime-museum',
      section: 'culture',
      headline: 'Review: Salt and Iron lets the tools of the working coast tell their own story',
      standfirst:
        'The Harwick Maritime Museum’s ambitious new exhibition trades glass-case reverence for noise, smell and a great deal of rope, and is all the better for it.',
      dateline: 'HARWICK BAY',
      authors: ['callum-ashdown'],
      tags: ['Arts', 'Museums', 'Harbour'],
      hoursAgo: 38,
      body: `There is a moment, about halfway through *Salt and Iron*, when the lights in the long gallery dim and a recording of a steam winch starts up somewhere behind your left shoulder. It is loud, and it goes on for longer than is comfortable, and a small girl near me put her hands over her ears. That, I suspect, is exactly the point.

The Harwick Maritime Museum’s new exhibition, which opened at the weekend and runs until the spring, sets out to tell the story of the Wenstow coast between 1850 and 1950 not through paintings of ships, of which the museum has plenty, but through the things people used to make a living from the sea: net needles, salt rakes, caulking irons, a herring barrel, and the restored steam capstan from the old Pennock Sands lifeboat slip, which dominates the main room like a sleeping animal.

## Voices from the quay

The curator, Dr Helen Achterberg, has spent three years gathering objects and oral histories, many of them given by families who had kept a grandparent’s tools in sheds and attics. “People kept saying to me, ‘Oh, it’s only an old knife, you won’t want that,’” she told me. “But an old knife, with the handle worn down to the exact shape of one man’s grip over forty years, tells you more about his life than any photograph.”

The recordings are the exhibition’s heart. Visitors can sit on a replica net-loft bench and listen to women who worked in the braiding sheds in the 1930s, their voices crackling out of tapes made by a local historian half a century ago. One, a net-maker named Edie Marrable, describes her first winter:

> “You started at five in the morning and your fingers bled by seven, and the foreman said that was good, it meant they’d harden. And they did. I could mend a net in the dark by the time I was fifteen. I still can, if anyone wants one.”

It is a funny, unsentimental voice, and the exhibition is wise enough to let it speak without much commentary.

## Where it stumbles

Not everything lands. The final room, which tries to link the working coast of a century ago to today’s offshore wind industry, feels rushed: a run of panels that read like a grant application. A touchscreen map of lost harbour buildings was out of order on the day I visited, and the labels, set low for children, are hard for anyone over five foot to read without crouching.

But these are small complaints about a show that is generous, tactile and unusually confident in its audience. Children are invited to try tying a bowline on a length of rope bolted to the wall; several grown adults were queuing to do the same, and failing cheerfully.

Dr Achterberg said the museum hoped the exhibition would bring in visitors who “have never thought a museum was for them”. On the evidence of a busy Saturday morning, it already has.

*Salt and Iron* is at the Harwick Maritime Museum, Quay Street, until the end of April. Entry is free for Wenstow residents; other visitors pay £6.`,
      related: ['lantern-theatre-reopens-wreckers-daughter'],
      corrections: [
        {
          kind: 'clarification',
          text: 'This review has been amended to make clear that entry to the exhibition is free only for Wenstow residents; other visitors pay £6.',
          hoursAgo: 30,
        },
      ],
    },

    // ---------------------------------------------------------------- by-election
    {
      slug: 'saltings-weldon-by-election-harbour',
      section: 'politics',
      headline: 'Saltings and Weldon by-election: five candidates, one question — the harbour',
      standfirst:
        'With the balance of power at County Hall at stake, the campaign for a single seat has become a contest over who pays to keep Harwick Bay’s channel open.',
      dateline: 'SALTINGS',
      authors: ['tomasz-wierzbicki', 'ruth-fennimore'],
      tags: ['By-election', 'Harbour', 'Council'],
      hoursAgo: 50,
      body: `On a wet morning at the Saltings fish quay, three of the five candidates in next month’s county council by-election arrived within the same hour, stepping around each other’s leaflets and the puddles. All three wanted to talk about the same thing.

“The harbour,” said a fisherman mending a crab pot by the slipway, when asked what came up on the doorstep. “It’s always the harbour. It was the harbour when my grandfather was voting.”

The by-election in the Saltings and Weldon division was called after the Civic Party councillor, Arthur Polglase, stood down for health reasons after 14 years. His departure left the ruling group one seat short of a majority on Wenstow County Council, and the result will decide whether it can govern alone or must keep relying on other groups to pass its plans.

## The dredging row

The question dominating the campaign is the decision by Harwick Bay Harbour Commissioners to raise dues for vessels under 15 metres, mostly local fishing boats, to pay for regular dredging of the channel. The county council does not set the dues, but it appoints three of the commissioners’ nine board members, and every candidate has a view.

[[related:harbour-dredging-dues-fishing-fleet]]

The Civic Party candidate, Louise Hambly, a former harbour office manager, said she supported the dredging programme but wanted the increase for small boats phased in over three years. “Nobody in this division wants a silted-up harbour,” she said. “But you don’t fix it by putting the smallest boats out of business first.”

Her main challenger is the Wenstow Independents’ Colin Bassett, who runs a chandlery on the quay and wants the county to use its board seats to push for the rise to be reversed entirely. He put his case bluntly.

> “The big commercial users, the wind farm boats, the ferry, the new yard at East Quay: they’re the ones who need the deep channel. The lad with a 9-metre crabber was getting in and out fine thirty years ago and he can get in and out fine now. Let the people who need the depth pay for it.”

That argument goes down well on the fish quay, but Ms Hambly’s campaign points out that the Ferris & Lowe boatyard expansion, with its promise of 120 jobs, depends on that same deep channel.

## The rest of the field

Progress Wenstow is standing Dr Anjali Mehra, a Weldon GP, who has campaigned mainly on health services and on the rerouting of the 14 bus away from the peninsula villages, which she says will leave elderly patients struggling to reach appointments. On the dues, she said the commissioners should “open their books before anyone asks fishermen to pay more”.

The field is completed by Pete Nancarrow, a retired trawler skipper standing as an independent on the single promise of freezing the dues, and Rowan Tilley, 24, of the newly formed Coast Together party, who wants the harbour board to hold all its meetings in public.

At the last full council elections the Civic Party won the division by 211 votes over the Independents, on a turnout of 34 per cent. Organisers on both sides privately expect a lower turnout this time, and a result that turns on whether fishing families in Saltings come out to vote. The count will take place overnight at Harwick Bay Leisure Centre.

Back on the quay, the fisherman with the crab pot was unmoved by all the attention. “They’ll all be gone the day after the count,” he said. “The silt won’t.”`,
      related: ['harbour-dredging-dues-fishing-fleet', 'county-budget-gap-opposition-vote'],
      comments: [
        {
          author: 'marcus-penhale',
          body: 'Good piece. Refreshing to read something that actually explains what the county does and doesn’t control on the harbour board.',
          hoursAgo: 46,
        },
        {
          author: 'harbourwatcher',
          body: 'Mr Bassett is right that the crabbers don’t need the depth, but wrong that they’ll be fine without any dredging. The bar off Marram Point has been building for years. Ask anyone who has come in on a low spring tide.',
          hoursAgo: 44,
          replies: [
            {
              author: 'old-kellingfordian',
              body: 'Is the bar a dredging problem or a natural one? Genuinely don’t know.',
              hoursAgo: 40,
              replies: [
                {
                  author: 'harbourwatcher',
                  body: 'Bit of both. The river used to scour the channel, but since the sluice at Pennock was rebuilt there’s far less flow. Dredging is the only thing keeping it open now.',
                  hoursAgo: 37,
                },
              ],
            },
          ],
        },
        {
          author: 'aileen-dorsey',
          body: 'Good to see a 24-year-old standing. Whatever you think of the policies, it makes a change from the usual faces.',
          hoursAgo: 30,
        },
      ],
    },

    // ---------------------------------------------------------------- bus route
    {
      slug: 'route-14-bus-bypasses-marram-villages',
      section: 'news',
      headline: 'Route 14 bus to bypass three Marram Point villages from next month',
      standfirst:
        'Wenstow Coastlink says the change will make its Harwick Bay to Kellingford service more reliable, but residents of Saltings, Little Orbury and Marram Point say they are being cut off.',
      dateline: 'MARRAM POINT',
      authors: ['eleanor-pryce'],
      tags: ['Transport', 'Council', 'Marram Point'],
      hoursAgo: 72,
      body: `The number 14 bus, the only public transport link for three villages on the Marram Point peninsula, will stop serving them from next month under a timetable change that its operator says is needed to keep the route running at all.

Wenstow Coastlink confirmed yesterday that the 14, which runs hourly between Harwick Bay and Kellingford, will take the faster inland road via Pennock Cross rather than the coastal loop through Saltings, Little Orbury and Marram Point. The change cuts around 18 minutes from the journey.

In its place the villages will be served by a new demand-responsive minibus, Coastlink Call, which passengers book by phone or app at least an hour in advance and which will connect with the main route at Pennock Cross.

Neil Pett, Coastlink’s operations director, said the coastal loop carried an average of nine passengers per trip and was making the whole route chronically late. “On a summer Saturday, a bus that leaves Harwick Bay on time can be twenty-five minutes late by Kellingford, and every passenger after Marram Point pays the price,” he said. “We are not abandoning the villages. We’re giving them a service that goes where they want, when they want, instead of a big bus that goes round the houses.”

## ‘Nobody answers the phone’

At the Marram Point post office, where a notice about the change was pinned up yesterday afternoon, the reaction was scathing.

“I’m 82. I don’t have an app, and I don’t want one,” said Margaret Holyoak, who uses the 14 three times a week to reach the surgery and the shops in Harwick Bay. “They say you can ring up, but when I rang the number on the leaflet I got a recording. If this is the future, the future doesn’t seem to want me in it.”

Tom Greaves, who chairs Saltings parish council, said the villages had been given “three weeks’ notice of the biggest change to our transport in thirty years”. He said the parish council would ask the county to step in. “The 14 is subsidised with public money. That gives the council a say, and we expect it to use it.”

## Council funding

The county council pays Coastlink around £210,000 a year to run evening and Sunday journeys on the route that would otherwise not pay their way. Cllr Robert Ainsley, the cabinet member for transport, said the council had been consulted on the change but had not been asked to approve it, because the daytime service is run commercially.

“I understand why people are worried, and I’ve asked Coastlink to guarantee that anyone who can’t use an app can book by phone with a real person,” he said. “We will look very closely at how Coastlink Call performs in its first three months.”

Coastlink said the minibus would run from 7am to 7pm, Monday to Saturday, with fares matching those on the main route, and that concessionary bus passes would be accepted.

Villagers said the loss of Sunday services would hurt most. “On a Sunday there’ll be nothing,” said Mr Greaves. “Not a big bus, not a little bus. Nothing at all.”`,
      related: ['fallowdene-primary-closure-consultation', 'county-budget-gap-opposition-vote'],
      comments: [
        {
          author: 'bus-stop-bev',
          body: '> If this is the future, the future doesn’t seem to want me in it.\n\nMrs Holyoak has put it better than I ever could. My mum is in exactly the same position.',
          hoursAgo: 68,
          replies: [
            {
              author: 'nisha-carver',
              body: 'I used a demand-responsive bus when I lived further up the coast and honestly it was fine once people got used to it. But the phone line has to actually work.',
              hoursAgo: 65,
              replies: [
                {
                  author: 'bus-stop-bev',
                  body: 'That’s the big “if”, isn’t it. I rang it this morning and got the same recording.',
                  hoursAgo: 62,
                  replies: [
                    {
                      author: 'marcus-penhale',
                      body: 'I got through at the third attempt, about 10am. They told me the booking line is only staffed from next week. Not great communication.',
                      hoursAgo: 60,
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          author: 'harbourwatcher',
          body: 'Nine passengers per trip on the coastal loop is more than I’d have guessed. Would be interesting to see the figures for the inland road.',
          hoursAgo: 66,
        },
        {
          author: 'sandra-kettle',
          body: 'The loop *was* always late, to be fair. I used to give up and walk from Pennock Cross. But losing Sundays altogether is a step too far.',
          hoursAgo: 58,
          replies: [
            {
              author: 'aileen-dorsey',
              body: 'Agreed. Keep one Sunday journey each way and I think most people would accept the rest.',
              hoursAgo: 55,
            },
          ],
        },
        {
          author: 'old-kellingfordian',
          body: 'Will the Coastlink Call minibus take wheelchairs? There’s nothing about it on the leaflet.',
          hoursAgo: 50,
        },
      ],
    },

    // ---------------------------------------------------------------- boatyard expansion
    {
      slug: 'ferris-lowe-boatyard-expansion-jobs',
      section: 'business',
      headline: 'Boatbuilder Ferris & Lowe to create 120 jobs in £9.4m East Quay expansion',
      standfirst:
        'The family-owned yard will move on to the former gasworks site and double its workforce over three years, with 40 apprenticeships set aside for school leavers.',
      dateline: 'HARWICK BAY',
      authors: ['priya-raman'],
      tags: ['Business', 'Harbour', 'Jobs'],
      hoursAgo: 96,
      body: `Ferris & Lowe, the boatbuilder that has been turning out workboats and pilot launches on the Harwick Bay waterfront since 1962, is to create 120 jobs in a £9.4m expansion on to the former gasworks site at East Quay.

The company, which employs 115 people, said the new yard would allow it to build vessels of up to 30 metres for the first time, including hybrid-electric crew transfer boats for the offshore wind industry. The jobs, which include welders, electricians, naval architects and office staff, will be created over three years, with 40 apprenticeships reserved for school leavers from across the county.

Siân Ferris, the managing director and granddaughter of the company’s founder, said the decision had been “the easiest and the hardest we have ever made”.

“The easy part was staying in Harwick Bay,” she said. “We were approached by two other ports with very generous offers, and we listened to them properly. But our people are here, our skills are here, and frankly I wasn’t going to be the Ferris who moved the yard. The hard part is that this is the biggest bet the family has ever placed.”

## Funding and the site

The expansion is backed by a £3m loan from the county’s coastal investment fund, with the rest coming from the company’s own reserves and a bank facility. Planning permission for a new fabrication hall, slipway and offices was granted last month.

The gasworks site, derelict for more than two decades, will need extensive decontamination before building can begin. Clearance work is due to start in the spring, and the company expects to lay down the first vessel in the new hall within 18 months.

Rachel Ormsby, the chief executive of Harwick Bay Harbour Commissioners, called the announcement “the best news the harbour has had in a generation”, but acknowledged that larger vessels would depend on the commissioners keeping the channel deep enough.

[[related:harbour-dredging-dues-fishing-fleet]]

“A 30-metre boat needs water under it to leave the yard, so the dredging programme isn’t optional,” she said. “We’re confident the new dues structure puts that on a sustainable footing.”

## Closing the skills gap

The company will work with Wenstow College to design the apprenticeships, which will combine four days a week at the yard with one day in the classroom. Paul Gedney, the college’s principal, said it would add a marine engineering course from next September.

Trudy Ames, who chairs the Harwick Bay Chamber of Trade, said: “For years the story in this town has been young people leaving to find skilled work. Here is a company saying: stay, and we’ll train you. That is worth more than any number of consultants’ reports.”

Ms Ferris said recruitment for the first 30 roles would open within weeks. “We’re looking for people who like solving problems with their hands,” she said. “If that’s you, we’d like to hear from you, whatever your age.”`,
      related: ['harbour-dredging-dues-fishing-fleet', 'saltings-weldon-by-election-harbour'],
      comments: [
        {
          author: 'harbourwatcher',
          body: 'Great news. My dad served his time at Ferris & Lowe in the seventies and still talks about it. Good to see the yard growing rather than shrinking.',
          hoursAgo: 90,
          replies: [
            {
              author: 'marcus-penhale',
              body: 'Same here, my uncle. Half the town seems to have passed through that yard at some point.',
              hoursAgo: 88,
            },
          ],
        },
        {
          author: 'graham-whitlow',
          body: '120 jobs is welcome, but how much of the £9.4m is public money? The article says £3m is a loan, which is fine, as long as it is actually repaid.',
          hoursAgo: 80,
          replies: [
            {
              author: 'old-kellingfordian',
              body: 'It’s a loan from a fund set up for exactly this sort of thing. I’d rather the money went here than into another consultants’ report, as Mrs Ames says.',
              hoursAgo: 78,
              replies: [
                {
                  author: 'graham-whitlow',
                  body: 'Agreed, and I’m not against it. I just think we should be told the terms.',
                  hoursAgo: 75,
                },
              ],
            },
          ],
        },
        {
          author: 'nisha-carver',
          body: 'Does anyone know whether the apprenticeships have an age limit? My nephew is 23 and would jump at this.',
          hoursAgo: 70,
        },
      ],
    },

    // ---------------------------------------------------------------- theatre opening
    {
      slug: 'lantern-theatre-reopens-wreckers-daughter',
      section: 'culture',
      headline: 'Lantern Theatre reopens on the seafront with a storm-tossed home-grown premiere',
      standfirst:
        'After three years and a £6.2m rebuild, Harwick Bay’s Victorian playhouse is back, opening with a new play by a writer who grew up two streets away.',
      dateline: 'HARWICK BAY',
      authors: ['callum-ashdown'],
      tags: ['Arts', 'Theatre'],
      hoursAgo: 120,
      body: `The Lantern Theatre reopened its doors on the Harwick Bay seafront last night, three years after it closed with rain pouring through its roof, and the audience that packed its restored auditorium gave the building a standing ovation before a single line had been spoken.

The 1894 theatre, a music hall in its first life and a cinema for much of the last century, has been rebuilt at a cost of £6.2m, paid for by heritage grants, the county council and a public appeal that raised £740,000 from more than 4,000 donors. The plasterwork of the horseshoe-shaped auditorium has been restored, seating has been cut from 640 to 480 to give audiences more legroom, and a new glass foyer and café opens on to the promenade.

## A home-grown premiere

The opening production, *The Wrecker’s Daughter*, is a new play by Jonah Elsworth, who was born in Harwick Bay and whose work has since been staged in theatres across the country. Set in the town in 1881, during the great storm that drove seven ships on to the Marram bar, it follows a young woman who discovers that her father has been luring vessels on to the rocks and must decide whether to betray him.

It is an old-fashioned melodrama in some ways, with lanterns swinging in the dark, a drowned sailor’s ghost and an unapologetically rousing final scene, but Elsworth’s writing is sharp enough to keep it from tipping into pastiche. Niamh Corrigan, in the title role, is superb: watchful, funny and, by the end, devastating.

The real star, though, may be the building. The storm sequence that closes the first act, in which the back wall of the stage seems to open on to a boiling sea, makes full use of the new fly tower and sound system, and drew audible gasps from the stalls.

Elsworth, speaking in the foyer after the performance, said he had sat in the Lantern’s upper circle as a boy, watching pantomimes when the building was already half derelict. “I used to look up at that ceiling and think it was the most beautiful thing I’d ever seen, and also that a bit of it might fall on my head,” he said. “To have a play of mine open this place again, I don’t quite have the words for it, which is awkward in my line of work.”

## ‘It has to earn its keep’

The theatre’s artistic director, Marisa Quaye, said the challenge now was to fill it. The Lantern will stage around 200 performances in its first year, including touring drama, comedy, a Christmas show and a community programme with schools across the county. “It’s wonderful that people gave so generously to rebuild it,” she said. “But a theatre isn’t a monument. It has to earn its keep, and the only way it does that is if people come, and then come back.”

Tickets for the opening run sold out within a week, she said, and an extra week of performances has been added.

*The Wrecker’s Daughter* runs at the Lantern Theatre until the end of next month.`,
      related: ['review-salt-and-iron-harwick-maritime-museum', 'kellingford-wool-fair-returns'],
      comments: [
        {
          author: 'aileen-dorsey',
          body: 'We were there last night. When the back wall opened up on the storm I actually grabbed my husband’s arm. Worth every penny we gave to the appeal.',
          hoursAgo: 115,
          replies: [
            {
              author: 'sandra-kettle',
              body: 'Jealous! We have tickets for the extra week. No spoilers about the ending, please.',
              hoursAgo: 110,
            },
          ],
        },
        {
          author: 'graham-whitlow',
          body: 'Lovely to see it back, but 480 seats instead of 640 seems a strange choice for a building that says it needs to earn its keep.',
          hoursAgo: 100,
          replies: [
            {
              author: 'callum-ashdown',
              body: 'The theatre says many of the old back-row seats were so cramped they rarely sold, and the new layout adds wheelchair spaces in the stalls. Whether the sums work is a fair question, and one we’ll be asking at the end of the first year.',
              hoursAgo: 96,
              replies: [
                {
                  author: 'graham-whitlow',
                  body: 'That makes sense, thanks. I remember those back rows. My knees remember them too.',
                  hoursAgo: 90,
                },
              ],
            },
          ],
        },
      ],
    },

    // ---------------------------------------------------------------- harbour dredging
    {
      slug: 'harbour-dredging-dues-fishing-fleet',
      section: 'business',
      headline: 'Harbour dues for small fishing boats to rise by a third to pay for dredging',
      standfirst:
        'Harwick Bay Harbour Commissioners say regular dredging is the only way to keep the channel open, but skippers warn the increase could drive boats out of the port.',
      dateline: 'HARWICK BAY',
      authors: ['priya-raman'],
      tags: ['Harbour', 'Business', 'Fishing'],
      hoursAgo: 150,
      body: `Annual harbour dues for fishing boats under 15 metres in Harwick Bay will rise by 33 per cent from April, after the harbour’s governing body voted to fund a rolling programme of dredging to stop the channel silting up.

The Harwick Bay Harbour Commissioners agreed the increase at a meeting yesterday by six votes to three. For a typical 10-metre crabber, the annual charge will go up from £1,440 to £1,915. Dues for larger commercial vessels, including the ferry and offshore wind support boats, will rise by 12 per cent.

The commissioners say the channel has lost an average of 1.4 metres of depth at low water since the last full dredge in 2016, and that parts of the approach near the Marram bar are now too shallow for larger vessels at the lowest tides. A dredge every two years is expected to cost around £1.1m each time.

## ‘We can’t keep a harbour open on goodwill’

Rachel Ormsby, the commissioners’ chief executive, said the harbour had been “living off the last dredge for far too long”.

“I understand this is a big increase, and it comes on top of fuel costs and everything else the fleet is dealing with,” she said. “But a harbour that boats can’t get in and out of isn’t a harbour. We can’t keep it open on goodwill. Every user benefits from a navigable channel, and every user has to contribute.”

She said dues for small boats had been frozen for six years and remained lower than at comparable ports along the coast.

## Skippers’ warning

Skippers reacted with dismay. Bill Tresize, who chairs the Wenstow Fishermen’s Association, said around 30 of the harbour’s 48 registered fishing boats were under 10 metres and worked mainly inshore, where the depth of the main channel made little difference to them.

“These boats draw a metre and a half. They were coming in and out of here long before anybody thought about dredging,” he said. “Now they’re being asked to pay for a deep-water channel for the ferry and the wind farm boats. Some of the lads are already working on the thinnest of margins. I know of at least two who are talking about moving round to Pennock Sluice, where the dues are half this.”

Danny Copeland, who fishes for crab and lobster from the 9-metre *Morwenna Rose*, said he would stay but would have to “take a lot more crab out of the sea to pay for it”. “Nobody in this harbour is against dredging,” he said. “We’re against paying the most for it compared with what we get out of it.”

The three commissioners who voted against the increase, including two of the three appointed by Wenstow County Council, had proposed a smaller rise for boats under 10 metres. Their amendment was defeated.

Ms Ormsby said the commissioners would review the charging structure after the first dredge, expected next autumn, and would consider a discount for the smallest inshore vessels. Survey work on the channel begins next month.`,
      related: ['ferris-lowe-boatyard-expansion-jobs', 'saltings-weldon-by-election-harbour'],
      corrections: [
        {
          kind: 'correction',
          text: 'An earlier version of this article said the last full dredge of the harbour channel took place in 2014. It took place in 2016.',
          hoursAgo: 100,
        },
      ],
    },

    // ---------------------------------------------------------------- festival
    {
      slug: 'kellingford-wool-fair-returns',
      section: 'culture',
      headline: 'Kellingford Wool Fair returns with a new food hall and record stall bookings',
      standfirst:
        'The market town’s centuries-old autumn fair expects more than 20,000 visitors over two days, and organisers hope a bigger food offer will bring in a younger crowd.',
      dateline: 'KELLINGFORD',
      authors: ['callum-ashdown'],
      tags: ['Arts', 'Kellingford', 'Food'],
      hoursAgo: 200,
      body: `Kellingford’s Wool Fair, which has filled the market town’s streets every autumn for more than three centuries, returns this weekend with its largest number of stalls yet and a new covered food hall in the cattle market.

Organisers say 214 traders have booked pitches, up from 168 last year, and they expect more than 20,000 visitors over the two days, in a town of around 9,000 people. The main streets will close to traffic from 6am on Saturday.

The fair dates back to a charter of 1718, when sheep farmers from across the downs brought their fleeces to be graded and sold in the Market Square. Wool is no longer traded there in any serious quantity, but the fair has kept its shearing demonstrations, its sheepdog trials on the recreation ground and its best-fleece competition, which this year has 63 entries.

## A bigger food offer

The biggest change this year is the food hall, which will fill the cattle market’s sale ring with 40 producers from across Wenstow, from cheesemakers and bakers to a smokehouse in Pennock Sands and a cider maker who presses apples from the orchards above Fallowdene.

Brenda Hollis, who chairs the fair committee, said the aim was to attract families and younger visitors who might not otherwise come. “There are people in this town who love the fair but think of it as something their grandparents did,” she said. “If a good lunch and a bit of live music brings them through the gate, they’ll stay for the sheepdogs. Everybody stays for the sheepdogs.”

The committee has also booked local bands to play on a stage by the Buttercross on both evenings, and the town’s pubs have been given permission to stay open an hour later.

## Traders and residents

Traders welcomed the extra footfall. Dylan Lacey, whose family has sold knitwear from the same pitch outside the Corn Exchange for four generations, said the fair accounted for nearly a fifth of his year’s takings. “It’s two days that pay for a lot of quiet Tuesdays,” he said.

Not everyone is delighted. Some residents of Sheep Street and Tanners Row, which are closed to traffic for the whole weekend, have complained about noise and litter in previous years. The committee said it had doubled the number of volunteer litter-pickers and would run a free shuttle bus from a park-and-ride site at Kellingford Business Park.

The town’s mayor, Cllr Patrick Dunmore, said Kellingford was ready. “The fair is the one weekend of the year when the whole of Wenstow comes to Kellingford,” he said. “We want them to go home with full bags, sore feet and a reason to come back.”

The fair opens at 9am on Saturday and entry is free.`,
    },
  ],
};
