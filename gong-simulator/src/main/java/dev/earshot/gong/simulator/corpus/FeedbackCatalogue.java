package dev.earshot.gong.simulator.corpus;

import java.util.List;

/**
 * The product requests, bugs, limitations and UX complaints planted in the corpus. Each underlying
 * request is phrased several different ways, so different calls voice the same request in different
 * words — which is what detection and deduplication are measured on.
 */
public final class FeedbackCatalogue {

  /**
   * One underlying request.
   *
   * @param id stable id, the ground truth's {@code request_id}
   * @param kind feature_request, bug, limitation or ux
   * @param area product area
   * @param title canonical title
   * @param phrasings how customers say it
   */
  public record Request(
      String id, String kind, String area, String title, List<String> phrasings) {}

  public static final List<Request> REQUESTS =
      List.of(
          new Request(
              "R01",
              "feature_request",
              "Security & access",
              "Single sign-on with Okta",
              List.of(
                  "Honestly the biggest blocker for rolling this out to the other hubs is single sign-on, we're on Okta.",
                  "Our IT team won't approve another password, so we really need SAML login through Okta.",
                  "Is there any way we could log in with our Okta accounts instead of separate credentials?",
                  "Without SSO my security people are going to push back hard on the wider rollout.",
                  "We'd need people to sign in through our identity provider, Okta, before legal signs off.")),
          new Request(
              "R02",
              "bug",
              "Dashboards & reporting",
              "Dashboards load slowly in the morning",
              List.of(
                  "The dashboards take twenty seconds or more to load in the mornings.",
                  "Every morning the main dashboard just spins for ages before anything shows up.",
                  "When the team logs in at eight the reports are painfully slow, like half a minute per page.",
                  "Loading the overview page first thing in the day is really sluggish, people give up and refresh.",
                  "Performance of the dashboards at the start of the shift is a real problem for us.")),
          new Request(
              "R03",
              "feature_request",
              "Workflow & automation",
              "Bulk edit shipments",
              List.of(
                  "It would save my team hours if we could edit a batch of shipments at once instead of one by one.",
                  "We need a way to update fifty shipments in one go, clicking through each one is killing us.",
                  "Can we get bulk editing? Changing the carrier on every shipment individually takes forever.",
                  "Mass updates would be huge for us, like select all and change the status together.",
                  "If I could multi-select records and change them together that would cut our admin work in half.")),
          new Request(
              "R04",
              "feature_request",
              "Integrations",
              "Native Salesforce sync",
              List.of(
                  "We really want the account data to sync both ways with Salesforce.",
                  "Right now someone copies numbers into Salesforce by hand, a native integration would fix that.",
                  "Does it push updates back into our CRM? We need Salesforce to be the source of truth.",
                  "A proper two-way Salesforce connector is pretty much a must for our sales ops team.",
                  "I'd love for the opportunity fields to update in Salesforce automatically when things change here.")),
          new Request(
              "R05",
              "limitation",
              "Data import & export",
              "CSV export limited to 10,000 rows",
              List.of(
                  "The CSV export cuts off at ten thousand rows, which is useless for our monthly reports.",
                  "We hit the export limit every month, anything past ten thousand lines just gets dropped.",
                  "Exports are capped so we end up running five exports and stitching them together in Excel.",
                  "Why is there a row limit on exports? Our finance team needs the full data set.",
                  "The download stops at ten K records, we need the whole thing in one file.")),
          new Request(
              "R06",
              "feature_request",
              "Mobile",
              "Offline mode for the mobile app",
              List.of(
                  "Our drivers lose signal in the warehouses, so the app needs to work offline.",
                  "If the mobile app could cache things and sync later that would solve a lot for the field team.",
                  "Half our yard has no coverage, an offline mode on the phone app is really important.",
                  "The mobile app is useless without a connection, we need it to queue updates offline.",
                  "Can the app keep working when there's no network and upload when it reconnects?")),
          new Request(
              "R07",
              "ux",
              "Navigation",
              "Too many clicks to create a shipment",
              List.of(
                  "Creating a shipment takes way too many clicks, it's like six screens for something simple.",
                  "The new shipment flow is confusing, people keep getting lost between the tabs.",
                  "Honestly the form to add a shipment is clunky, my coordinators complain about it daily.",
                  "It's really hard to find where to start a new shipment, the button is buried.",
                  "The workflow for entering a shipment feels clumsy compared to what we had before.")),
          new Request(
              "R08",
              "feature_request",
              "Notifications",
              "Slack alerts for delayed shipments",
              List.of(
                  "We'd love to get a Slack message whenever a shipment is running late.",
                  "Could delay alerts go straight into our Slack channel instead of email?",
                  "My team lives in Slack, so notifications about late deliveries there would be great.",
                  "A Slack integration for exceptions, like delays, would help us react faster.",
                  "If a load slips, I want a ping in Slack, not an email nobody reads.")),
          new Request(
              "R09",
              "bug",
              "Data import & export",
              "Import fails on large files",
              List.of(
                  "The import keeps failing when the spreadsheet is bigger than a few megabytes.",
                  "Uploading our big CSV just times out and throws an error every time.",
                  "We tried importing last quarter's data and it crashed halfway with no message.",
                  "Large file imports are broken for us, anything over about five thousand rows errors out.",
                  "The uploader chokes on our standard data file, we have to split it into tiny pieces.")),
          new Request(
              "R10",
              "feature_request",
              "Permissions",
              "Custom roles and permissions",
              List.of(
                  "We need custom roles, right now it's basically admin or viewer and nothing in between.",
                  "I want to give the regional leads edit rights on their hub only, not the whole account.",
                  "Finer-grained permissions would really help, some people should see costs and others shouldn't.",
                  "Can we define our own roles? The built-in ones are too coarse for how we're organized.",
                  "Role-based access per team is something our compliance folks keep asking about.")),
          new Request(
              "R11",
              "feature_request",
              "Dashboards & reporting",
              "Scheduled report emails",
              List.of(
                  "It would be great if reports could be emailed automatically every Monday morning.",
                  "Can we schedule the weekly summary to go out to the leadership team on its own?",
                  "I spend every Friday exporting the same report, scheduling it would save me time.",
                  "We want recurring report delivery, like a PDF in everyone's inbox each week.",
                  "Automatic scheduled emails of the KPI report would really help our managers.")),
          new Request(
              "R12",
              "limitation",
              "Integrations",
              "API rate limits too low",
              List.of(
                  "Your API limits are too low for us, our sync job gets throttled constantly.",
                  "We keep hitting the API quota when we pull data into our warehouse at night.",
                  "The rate limit on the API makes our integration take hours, we need more throughput.",
                  "Our engineers say the API caps requests so hard that the nightly load never finishes.",
                  "Throttling on the public API is a real limitation for a company our size.")),
          new Request(
              "R13",
              "feature_request",
              "Dashboards & reporting",
              "Custom dashboard widgets",
              List.of(
                  "We want to build our own widgets on the dashboard, the fixed layout doesn't fit us.",
                  "Could we add custom charts to the home dashboard, like on-time rate by carrier?",
                  "Being able to customize the dashboard with our own metrics would be a big win.",
                  "The dashboard should let each team pick the KPIs they care about.",
                  "I'd like to drag and drop my own tiles onto the overview screen.")),
          new Request(
              "R14",
              "bug",
              "Notifications",
              "Duplicate email notifications",
              List.of(
                  "People are getting the same notification email two or three times.",
                  "Every alert comes in duplicate, my inbox is flooded with copies.",
                  "There's a bug where notifications get sent twice for a single event.",
                  "We see repeated emails for the same status change, it's confusing the team.",
                  "The system keeps double-sending alerts, folks have started ignoring them.")),
          new Request(
              "R15",
              "feature_request",
              "Localization",
              "Spanish language support",
              List.of(
                  "A lot of our warehouse staff would prefer the interface in Spanish.",
                  "Do you have plans for Spanish? Our Mexico team struggles with the English-only UI.",
                  "We need the app localized into Spanish before we roll out in Latin America.",
                  "Language support beyond English, especially Spanish, is important for our operators.",
                  "If the screens were available in Spanish, adoption on the floor would go way up.")),
          new Request(
              "R16",
              "ux",
              "Search",
              "Search doesn't find partial matches",
              List.of(
                  "Search only works if you type the exact shipment number, partial matches return nothing.",
                  "Finding anything is hard because search needs the full reference, one typo and it's gone.",
                  "The search box is frustrating, it doesn't find things unless you spell them perfectly.",
                  "We'd expect search to match part of a name or number, right now it's too strict.",
                  "Looking up a customer by part of their name just doesn't work, which is annoying.")),
          new Request(
              "R17",
              "feature_request",
              "Integrations",
              "Webhooks for status changes",
              List.of(
                  "We'd like webhooks so our own systems hear about status changes right away.",
                  "Can you call an endpoint of ours whenever a shipment status changes?",
                  "Our developers asked for event webhooks instead of polling your API all day.",
                  "Push notifications to our backend on every update would make the integration much simpler.",
                  "A webhook feed of changes would let us drop the polling job entirely.")),
          new Request(
              "R18",
              "limitation",
              "Account & billing",
              "Only one time zone per account",
              List.of(
                  "Everything is shown in one time zone, which doesn't work with hubs on both coasts.",
                  "We operate across three time zones and the app forces a single one for the whole account.",
                  "Each site should see times in its local zone, right now it's all Eastern.",
                  "The single time zone setting causes a lot of confusion with our West coast team.",
                  "Can users set their own time zone? The account-wide setting is a real limitation.")),
          new Request(
              "R19",
              "feature_request",
              "Workflow & automation",
              "Approval workflow for rate changes",
              List.of(
                  "We need an approval step before anyone changes a carrier rate.",
                  "Rate changes should go to a manager for sign-off before they take effect.",
                  "An approval flow for pricing edits would stop the mistakes we had last month.",
                  "Could changes to rates require a second person to approve them?",
                  "We want a simple review and approve process for contract rate updates.")),
          new Request(
              "R20",
              "bug",
              "Mobile",
              "App crashes when uploading photos",
              List.of(
                  "The mobile app crashes whenever drivers try to attach a photo of the delivery.",
                  "Uploading proof of delivery pictures makes the app close on Android.",
                  "Every time someone adds a photo the app freezes and restarts.",
                  "Photo uploads are broken on the phones, the app just dies.",
                  "Our drivers can't send pictures anymore, the app crashes right after they take one.")),
          new Request(
              "R21",
              "feature_request",
              "Dashboards & reporting",
              "Carrier performance scorecards",
              List.of(
                  "We want scorecards that rank our carriers on on-time performance.",
                  "A carrier comparison report with on-time and damage rates would help our negotiations.",
                  "Can you show how each carrier is performing month over month?",
                  "Carrier-level KPIs in one view would help us decide who gets more volume.",
                  "I'd love a report grading every carrier so we can have data in quarterly reviews.")),
          new Request(
              "R22",
              "ux",
              "Tables",
              "Tables don't remember column settings",
              List.of(
                  "Every time I open the shipments table my column layout is reset.",
                  "The tables forget which columns I hid, so I redo it every single day.",
                  "It's annoying that sorting and column choices aren't saved between sessions.",
                  "Could the grid remember my view? Reconfiguring it every morning is tedious.",
                  "Saved table views would help, right now nothing sticks after you log out.")),
          new Request(
              "R23",
              "feature_request",
              "Security & access",
              "Audit log of user actions",
              List.of(
                  "Our auditors want a log of who changed what and when.",
                  "We need an audit trail for edits, especially on rates and invoices.",
                  "Is there a history of user actions we can export for compliance?",
                  "An audit log showing every change by user is required for our SOC two review.",
                  "We have to be able to prove who modified a record, so change history matters a lot.")),
          new Request(
              "R24",
              "limitation",
              "Data import & export",
              "No API access to historical data",
              List.of(
                  "The API only returns the last ninety days, we need history going back years.",
                  "We can't pull older records through the API, which breaks our analytics.",
                  "Historical data beyond three months isn't available by API, that's a real gap.",
                  "Our data team needs the full history via the API, not just recent records.",
                  "Anything older than a quarter is locked in the UI, we can't get it out programmatically.")),
          new Request(
              "R25",
              "feature_request",
              "Integrations",
              "Microsoft Teams integration",
              List.of(
                  "We're a Microsoft shop, so a Teams integration would help a lot.",
                  "Could alerts and approvals show up in Microsoft Teams?",
                  "Our whole company is on Teams, we'd want updates posted there.",
                  "A Teams app so people can check shipments without leaving chat would be great.",
                  "Please consider Microsoft Teams, not everybody uses Slack.")),
          new Request(
              "R26",
              "bug",
              "Dashboards & reporting",
              "Report totals don't match exports",
              List.of(
                  "The totals on the report don't match what we get in the export.",
                  "Numbers on the dashboard and the CSV disagree, finance caught it last month.",
                  "We found a discrepancy, the summary shows one total and the raw data adds up to another.",
                  "The monthly report double counts some shipments, the sums are off.",
                  "Something's wrong with the aggregates, they never reconcile with the detail view.")),
          new Request(
              "R27",
              "feature_request",
              "Workflow & automation",
              "Recurring shipment templates",
              List.of(
                  "We ship the same lanes every week, templates for recurring shipments would save time.",
                  "Could we save a shipment as a template and reuse it?",
                  "A way to clone last week's orders would cut our data entry a lot.",
                  "Recurring shipments that create themselves on a schedule would be amazing.",
                  "We need templates for our standard routes instead of typing them in each time.")),
          new Request(
              "R28",
              "ux",
              "Navigation",
              "Hard to switch between hubs",
              List.of(
                  "Switching between hubs is painful, you have to go back to the home page every time.",
                  "There's no quick way to jump from one site to another, it's a lot of clicking.",
                  "The hub selector is hidden in settings, it should be right at the top.",
                  "Moving between locations is awkward, my managers cover four hubs and hate it.",
                  "It takes too long to change which warehouse you're looking at.")),
          new Request(
              "R29",
              "limitation",
              "Permissions",
              "Limit of 25 users per workspace",
              List.of(
                  "We're stuck at twenty five users per workspace, and we have sixty coordinators.",
                  "The seat cap per workspace means we have to split teams artificially.",
                  "Why can a workspace only have twenty five people? That doesn't work for us.",
                  "We keep running into the user limit when onboarding new hires.",
                  "The maximum number of users in one workspace is far too low for our operation.")),
          new Request(
              "R30",
              "feature_request",
              "Dashboards & reporting",
              "Dark mode",
              List.of(
                  "Our night shift keeps asking for a dark mode, the white screens are harsh.",
                  "Could you add a dark theme? People staring at it all night would appreciate it.",
                  "A dark mode option would really help the folks on the overnight shift.",
                  "The bright interface is tough in a dim control room, dark mode please.",
                  "We'd love a darker color scheme for the monitoring screens.")));

  private FeedbackCatalogue() {}

  public static Request byId(String id) {
    return REQUESTS.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no request " + id));
  }
}
