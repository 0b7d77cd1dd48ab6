# English.
language-name = English
portal-name = Public Services
skip-to-content = Skip to main content
nav-main = Main navigation
nav-home = Home
nav-services = Service catalog
language-switch = Language
low-vision-on = Low vision mode
low-vision-off = Standard mode
coat-of-arms-alt = Coat of arms: { $region }
search-label = Search services
search-placeholder = For example, passport or allowance
search-button = Search
home-title = State and municipal services
home-lead = Find a service, download blank forms and apply online.
categories-title = Service categories
category-services = { $count ->
    [one] { $count } service
   *[other] { $count } services
}
priority-title = Popular services
priority-badge = Priority service
stage-badge = Stage { $stage } of 5
stage-1 = Information about the service
stage-2 = Blank forms to download
stage-3 = Apply online
stage-4 = Status online
stage-5 = Result online
services-title = Service catalog
services-filter-category = Category
services-filter-all = All categories
services-filter-apply = Show
services-found = { $count ->
    [one] { $count } service found
   *[other] { $count } services found
}
services-none = No services found. Change the query or pick another category.
service-department = Department
service-stage = Electronic stage
service-back = Back to the catalog
footer-support = Support
footer-phone = Phone
footer-email = Email
footer-about = Regional portal of state and municipal services
not-found-title = Page not found
not-found-text = There is no such page. The address may be mistyped, or the page was removed.
not-found-home = Go to the home page
error-title = Service temporarily unavailable
error-text = We already know about the problem. Please reload the page in a few minutes.
loading = Loading…
no-region = The region is not set up yet. The operator must import a region pack.
settings-bad-language = This language is not supported.
settings-bad-form = The form was sent incorrectly. Go back and try again.
request-forbidden = Request refused: it was sent from another site.
search-title = Search services
search-prompt = Type the name of a service or a word from its description.
search-nothing = Nothing found for “{ $query }”
search-hint-spelling = Check the query for typos.
search-hint-fewer = Try fewer words, or another word with the same meaning.
search-hint-catalog = Browse the whole catalog by category
life-situations-title = Life situations
services-filter-life-situation = Life situation
services-filter-department = Department
services-filter-municipality = Municipality
services-filter-stage = Electronic stage
services-filter-any = Any
passport-summary = Description
passport-applicants = Who may apply
passport-documents = Required documents
passport-document-interagency = the department obtains it itself, no need to bring it
passport-fee = Fee
passport-term = Term
passport-term-days = { $days ->
    [one] { $days } working day
   *[other] { $days } working days
}
passport-result = Result
passport-refusal = Grounds for refusal
passport-legal = Legal basis
passport-channels = Ways to apply
passport-municipalities = Where it applies
passport-whole-region = Throughout the region
passport-life-situations = Life situations
passport-category = Category
passport-blanks = Blank forms to download
passport-blank-download = Download { $format }, { $size }
passport-no-blanks = No blank forms are published for this service.
passport-apply-online = Apply online
passport-contacts = Department contacts
channel-online = on this portal
channel-office = in person at the department
channel-mfc = at a multifunctional centre (MFC)
channel-post = by post
department-address = Address
department-phone = Phone
department-email = Email
department-hours = Opening hours
department-website = Website
department-services = Services of the department
life-situation-services = Services for this situation
size-kb = { $size } KB
size-mb = { $size } MB
search-more = Show more
search-previous = ← Previous results
too-many-requests = Too many requests. Please wait a minute and try again.
login-button = Log in via the federal portal
logout-button = Log out
header-account = My account
header-office = Back office
header-admin = Administration
login-required-title = Please log in
login-required-text = To open this page, log in with your federal portal account (Gosuslugi). No separate password is needed for this portal.
forbidden-title = No access
forbidden-text = Your account has no rights to this page. If you need them for your work, ask the portal operator.
login-error-title = Login failed
login-error-cancelled = You declined to log in at the federal portal. Nothing was saved.
login-error-bad_state = The federal portal's answer does not belong to this login: the login page may have been opened twice, in another browser, or the login took too long. Nothing was saved.
login-error-bad_token = The federal portal's answer could not be verified. None of your data was saved.
login-error-unavailable = The federal portal cannot be reached right now. Please try again in a few minutes.
login-error-provider_error = The federal portal could not log you in.
login-error-unknown = You were not logged in.
login-error-retry = Try to log in again
login-error-home = Home
profile-title = My account
profile-lead = This is your account data from the federal portal (Gosuslugi). It cannot be changed here.
profile-change = Change your data on the federal portal
profile-name = Full name
profile-snils = SNILS
profile-birthdate = Date of birth
profile-email = Email
profile-phone = Phone
profile-assurance = Account level
profile-not-given = not given
assurance-simplified = Simplified
assurance-standard = Standard
assurance-confirmed = Confirmed
profile-roles = Roles on the portal
role-clerk = Department clerk
role-head = Head of department
role-operator = Regional portal operator
profile-security = Security
profile-sessions = Open sessions: { $count }
profile-logout-everywhere = Log out on all devices
office-title = Back office
admin-title = Portal administration
admin-lead = Here the operator sets up the region's portal: the service catalog, staff and branding.
passport-assurance-required = Applying online needs a { $level } federal portal account.
passport-assurance-low = Your account level is “{ $level }”. You can raise it on the federal portal: confirm your identity at a service centre (MFC), through online banking or with an electronic signature.
assurance-needed-standard = standard
assurance-needed-confirmed = confirmed
nav-my-applications = My applications
apply-title = Apply online
apply-lead = Fill in the application step by step. The draft is kept on the portal: you can come back to it at any time from “My applications”.
apply-steps = Steps
apply-documents = Have these documents at hand
apply-term = Processing time
apply-start = Start the application
apply-resume = Continue the draft
form-step-of = Step { $step } of { $total }
form-progress = Progress
form-review-step = Review
form-next = Next
form-back = Back
form-save = Save draft
form-to-review = Review the application
form-saved = Draft saved
form-saving = Saving the draft…
form-not-saved = The draft was not saved. Check your internet connection; what you entered stays on the page.
form-errors-title = Please correct the errors
form-errors-count = { $count ->
    [one] There is { $count } error in the application
   *[other] There are { $count } errors in the application
}
form-optional = optional
form-add-entry = Add
form-remove-entry = Remove
form-entry = { $group }: { $number }
form-no-entries = Nothing added yet.
form-files = Uploaded files
form-file-remove = Remove file
form-file-hint = Formats: { $formats }. At most { $count } files, each up to { $size }.
form-select-placeholder = Choose…
form-delete-draft = Delete the draft
form-draft-saved-notice = Draft saved. You can continue later from “My applications”.
review-title = Check your application
review-lead = Check the data before sending. Change it with the “Change” link of each step.
review-edit = Change
review-submit = Send the application
review-submit-hint = Once sent, the application gets a registration number and can no longer be changed.
review-not-given = not given
review-yes = yes
review-changed = The application form changed while you were filling it in. Please check the data: answers to questions that no longer exist were removed.
application-title = Application No. { $number }
application-draft-title = Draft application
application-submitted = Your application was sent and registered
application-submitted-text = Keep the receipt: it has the application number and the processing deadline. You can follow the status here and in “My applications”.
application-receipt = Download the receipt (PDF)
application-print = Printable version
application-number = Registration number
application-registered-at = Registered on
application-service = Service
application-department = Department
application-deadline = Processing deadline
application-deadline-until = until { $date } inclusive
application-status = Status
application-history = History
application-data = Application data
application-files = Attached files
application-messages = Messages
application-from-clerk = Department clerk
application-from-you = You
application-missing = Missing documents
application-reply = Answer the clerk
application-reply-text = Your answer
application-reply-files = Files with your answer
application-reply-send = Send the answer
application-withdraw = Withdraw the application
application-withdraw-hint = You can withdraw the application until a decision is made. A withdrawn application is not processed.
application-result = Result of the service
application-origin-federal = Filed on the federal portal
application-continue = Continue filling in
application-download = Download
status-draft = Draft
status-submitted = Sent
status-registered = Registered
status-in_review = In review
status-awaiting_applicant = Waiting for the applicant
status-approved = Approved
status-refused = Refused
status-result_issued = Result ready
status-withdrawn = Withdrawn
action-submit = Application sent
action-register = Application registered
action-take = Taken into work
action-return = Returned to the queue
action-request_info = Information requested from the applicant
action-reply = The applicant answered
action-approve = Approved
action-refuse = Refused
action-issue_result = Result issued
action-withdraw = Withdrawn by the applicant
my-applications-title = My applications
my-applications-none = Nothing here yet. Find a service in the catalog and apply online.
my-applications-show = Show
my-applications-updated = Changed
shown-all = All
shown-active = In progress
shown-drafts = Drafts
shown-closed = Finished
refusal-title = The action was not done
refusal-not-online = This service cannot be applied for online.
refusal-not-editable = The application was already sent and can no longer be changed.
refusal-unknown-fields = The form was sent with fields it does not have. Reload the page and try again.
refusal-invalid = The application has errors. Correct them and send it again.
refusal-transition = This action is not available now: the application's status has changed.
refusal-empty-message = Please write the message text.
upload-not-a-file-field = The file was sent to the wrong field. Reload the page and upload it again.
upload-empty = The file is empty. Choose another file.
upload-too-large = The file is too large: at most { $size }.
upload-too-many = You can upload at most { $max } files.
upload-wrong-type = This file type is not accepted. Accepted: { $formats }.
upload-rejected = The file failed the virus check and was not accepted.
problem-required = Please fill in this field.
problem-must-be-checked = Tick this to continue.
problem-too-short = At least { $min } characters.
problem-too-long = At most { $max } characters.
problem-not-a-number = Enter a number, e.g. 12 or 12.5.
problem-not-a-whole-number = Enter a whole number.
problem-below-min = At least { $min }.
problem-above-max = At most { $max }.
problem-not-a-date = Enter a date as DD.MM.YYYY, e.g. 01.09.2027.
problem-date-too-early = The date must not be before { $min }.
problem-date-too-late = The date must not be after { $max }.
problem-unknown-option = Choose one of the options.
problem-bad-phone = Enter a phone number as +7 900 123-45-67.
problem-bad-email = Enter an email address as name@example.ru.
problem-snils-format = A SNILS has 11 digits, e.g. 123-456-789 64.
problem-snils-control-sum = Check the SNILS: its control number does not match.
problem-inn-format = { $digits ->
    [10] An organisation's INN has 10 digits.
    [12] A person's INN has 12 digits.
   *[other] An INN has 10 or 12 digits.
}
problem-inn-control-sum = Check the INN: its control digits do not match.
problem-ogrn-format = { $digits ->
    [13] An OGRN has 13 digits.
    [15] An OGRNIP has 15 digits.
   *[other] An OGRN has 13 digits, an OGRNIP 15.
}
problem-ogrn-control-sum = Check the OGRN: its control digit does not match.
problem-passport-format = Enter the series (4 digits) and the number (6 digits), e.g. 4510 123456.
problem-address-too-short = Give the full address: town, street, house.
problem-too-few-entries = Add at least { $min }.
problem-too-many-entries = You can add at most { $max }.
problem-too-many-files = You can upload at most { $max } files.
problem-file-too-large = The file is too large: at most { $size }.
problem-file-type = This file type is not accepted. Accepted: { $formats }.
problem-hidden-filled = With your answers this field is not filled in: please clear it.
problem-unknown-field = The form has no such field.
application-receipt-file = Receipt
upload-interrupted = The upload broke off. Please try again.
action-assign = Assigned to a clerk
refusal-already-taken = Another clerk has already taken this application into work: { $by }.
refusal-not-assignee = This application is in another clerk's work. Only they or the head may act on it.
refusal-no-ground = Choose a ground for refusal from the service's list.
refusal-no-result = Attach the result document or choose “Generate from the template”.
refusal-head-only = Only the head of the department may do this.

# The back office (issue 6)
office-queues = Queues
queue-new = New
queue-mine = Mine
queue-awaiting = Awaiting the applicant
queue-overdue = Overdue
queue-decided = Decided
office-queue-empty = There are no applications in this queue.
office-next-page = Next page
office-first-page = Back to the start
office-stats-link = Department figures
office-filter-search = Application number or applicant's family name
office-filter-department = Department
office-filter-service = Service
office-filter-municipality = Municipality
office-filter-origin = Filed on
office-filter-from = Received from
office-filter-to = Received until
office-filter-any = All
office-filter-apply = Show
office-filter-reset = Clear filters
origin-regional = The regional portal
origin-federal = The federal portal
office-col-number = Number
office-col-applicant = Applicant
office-col-service = Service
office-col-submitted = Received
office-col-deadline = Deadline
office-col-status = Status
office-col-assignee = Clerk
office-days-left = { $days ->
    [one] { $days } working day left
   *[other] { $days } working days left
}
office-last-day = last day
office-overdue-by = { $days ->
    [one] overdue by { $days } working day
   *[other] overdue by { $days } working days
}
office-back = Back to the queue
office-done-take = You have taken the application.
office-done-return = The application is back in the queue.
office-done-assign = The application has been handed to the clerk.
office-done-request_info = The request has been sent. The application waits for the applicant's answer.
office-done-approve = Approved; the result has been issued to the applicant.
office-done-refuse = Refused; the applicant will see the ground and your explanation.
office-clock-stops = While the applicant prepares an answer, this service's deadline does not run.
office-nobody = nobody yet
office-applicant = Applicant
office-applicant-name = Full name
office-applicant-snils = SNILS
office-applicant-phone = Phone
office-applicant-email = Email
application-from-applicant = Applicant
office-actions = Actions
office-take = Take into work
office-return = Return to the queue
office-assign-to = Hand to clerk
office-assign = Hand over
office-request = Ask the applicant for more
office-request-message = What the applicant needs to do
office-request-missing = Missing documents
office-request-missing-hint = One document per line. The applicant sees this list.
office-request-send = Send the request
office-approve = Approve and issue the result
office-result = Result of the service
office-result-generate = Make the document from the service's template
office-result-upload = Attach a finished document (PDF)
office-result-file = Result file
office-approve-send = Approve
office-refuse = Refuse the service
office-refuse-ground = Ground for refusal
office-refuse-comment = Explanation for the applicant
office-refuse-send = Refuse
office-stats-title = Department figures
office-stats-unassigned = Waiting to be taken
office-stats-decided = { $days ->
    [one] Decisions in the last { $days } day
   *[other] Decisions in the last { $days } days
}
office-stats-average = Average processing time, working days
office-stats-p90 = 90% of applications decided within, working days
office-stats-load = Clerks' load
office-stats-overdue = Overdue applications by service
office-stats-none-overdue = No overdue applications.
office-stats-count = Applications
application-refusal = Refusal
application-refusal-ground = Ground and explanation
admin-sections = Sections
access-log-title = Personal data access log
access-log-lead = Every time a member of staff opens an applicant's application or file, a record appears here: who, when, which application and what.
access-log-empty = No records yet.
access-log-when = When
access-log-who = Staff member
access-log-what = Opened
access-log-application = the application
access-log-file = file “{ $name }”
access-log-older = Older records
office-notice-overdue = { $count ->
    [one] { $count } application is overdue.
   *[other] { $count } applications are overdue.
}
office-notice-show = Show them
office-notice-near = { $count ->
    [one] { $count } application reaches its deadline within two working days.
   *[other] { $count } applications reach their deadline within two working days.
}

## Operator: exchange with the federal portal
federation-title = Exchange with the federal portal
federation-lead = Every application and every change of its status is sent to the federal portal, so the applicant sees it in their personal account there. A message that could not be delivered after every attempt waits here and can be sent again.
federation-pending = Waiting to be sent
federation-failed = Not delivered
federation-delivered = Delivered
federation-oldest = The oldest waiting message was created on { $at }.
federation-parked = Messages not delivered
federation-parked-none = Every message is delivered or still being sent.
federation-retry-all = Send all again
federation-retry = Send again
federation-retry-one = Send the message about application { $number } again
federation-retried = { $count ->
    [one] { $count } message is queued to be sent.
   *[other] { $count } messages are queued to be sent.
}
federation-col-kind = Message
federation-col-attempts = Attempts
federation-col-error = Last answer
federation-col-parked = Stopped
federation-kind-register = Registration of the application
federation-kind-status = Status change
federation-kind-email = Email
federation-email = Emails
federation-email-lead = Emails to applicants and staff about events. While the mail server is unreachable they wait; an email the server refused stops here with its answer.
federation-kind-accept = Acceptance of an application from the federal portal
answers-federal-form = Filed on the federal portal

## Notifications
header-notifications = Notifications
header-notifications-label = { $count ->
    [0] Notifications: none unread
    [one] Notifications: { $count } unread
   *[other] Notifications: { $count } unread
}
notifications-title = Notifications
notifications-empty = No notifications yet.
notifications-unread = { $count ->
    [0] Every notification is read.
    [one] { $count } unread notification.
   *[other] { $count } unread notifications.
}
notifications-read-all = Mark all as read
notifications-mark-read = Read
notifications-read-one = Mark as read: { $what }
notifications-new = New
notice-registered = Application No. { $number } is registered
notice-info_requested = Application No. { $number }: more information is needed from you
notice-decided = Application No. { $number }: a decision has been made
notice-replied = The applicant answered on application No. { $number }
notice-deadline_near = The deadline of application No. { $number } is near
notice-deadline_overdue = The deadline of application No. { $number } has passed
notice-federal_failing = Messages to the federal portal are not getting through
profile-notifications = Email notifications
profile-notifications-to = Emails go to the address in your federal account: { $email }. Notifications in the portal always appear.
profile-notifications-no-email = Your federal account has no email address: notifications appear in the portal only.
profile-notifications-legend = Send an email when
profile-notifications-save = Save
profile-notifications-saved = Notification settings saved.
email-kind-registered = an application is registered
email-kind-info_requested = the department asks for more
email-kind-decided = a decision is made
email-kind-replied = the applicant answers a request
email-kind-deadline_near = a deadline is near
email-kind-deadline_overdue = a deadline has passed
email-kind-federal_failing = messages to the federal portal are not getting through

## Operator: staff roles, audit trail, filters of the personal-data trail
staff-title = Staff and roles
staff-lead = Roles are granted by SNILS: the person gets access at their next request to the portal, even if they have never logged in. Revoking takes effect at once.
staff-grant-title = Grant a role
staff-snils = Staff member's SNILS
staff-snils-hint = 11 digits, for example 123-456-789 64.
staff-role = Role
staff-department = Department
staff-department-hint = Required for clerks and heads; not used for the operator.
staff-department-none = — none —
staff-grant = Grant role
staff-list = Who holds roles
staff-empty = No roles have been granted yet.
staff-col-name = Staff member
staff-col-snils = SNILS
staff-col-role = Role
staff-col-department = Department
staff-col-granted = Granted
staff-not-logged-in = has not logged in yet
staff-by-cli = from the command line
staff-revoke = Revoke
staff-revoke-label = Revoke the role “{ $role }” from { $who }
staff-done-granted = The role has been granted. It takes effect at the staff member's next request to the portal.
staff-done-already_granted = This person already holds that role; nothing changed.
staff-done-revoked = The role has been revoked. From their next request the person no longer has this access.
staff-done-not_held = This person does not hold that role; nothing changed.
staff-problem-bad_snils = The SNILS is not valid: it needs 11 digits with a correct check number. Nothing changed.
staff-problem-bad_role = Choose a role: clerk, head or operator. Nothing changed.
staff-problem-department_required = Choose a department for a clerk or a head. Nothing changed.
staff-problem-unknown_department = There is no such department in the catalog. Nothing changed.
staff-problem-last_operator = This is the region's last operator role: without it nobody could administer the portal. Grant the operator role to someone else first.
audit-title = Audit trail
audit-lead = Logins and logouts, refused logins, roles granted and revoked, changes of the catalog and the branding, access to personal data — newest first.
audit-filters = Filter the audit trail
audit-filter-action = Action
audit-filter-any = Any
audit-filter-actor = Who (name or SNILS)
audit-filter-from = From
audit-filter-to = To
audit-filter-apply = Show
audit-filter-reset = Clear filters
audit-records = Audit trail records
audit-empty = No records match the filters.
audit-col-when = When
audit-col-who = Who
audit-col-action = Action
audit-col-subject = Subject
audit-col-details = Details
audit-actor-cli = Command line
audit-actor-system = System
audit-older = Older records
audit-newest = Back to the newest
audit-action-login = Logged in
audit-action-login_failed = Login refused
audit-action-logout = Logged out
audit-action-logout_everywhere = Logged out everywhere
audit-action-role_granted = Role granted
audit-action-role_revoked = Role revoked
audit-action-personal_data_access = Personal data opened
audit-action-catalog_changed = Catalog changed
audit-action-branding_changed = Branding changed
audit-change-caption = Changes: { $kind } “{ $code }”
audit-change-none = No fields changed.
audit-change-field = Field
audit-change-before = Before
audit-change-after = After
audit-change-absent = (none)
audit-change-whole = (whole value)
access-log-filter-title = Filter the access log
access-log-filter-staff = Staff member (name or SNILS)
access-log-filter-number = Application number
access-log-filter-from = From
access-log-filter-to = To
access-log-filter-apply = Show
access-log-filter-reset = Clear filters

## The operator's progress dashboards (/admin/dashboard)
dash-title = Progress of services going online
dash-lead = How many services are available online, how many applications come in, how fast they are decided, where deadlines have passed and how the exchange with the federal portal goes. Under each chart: a table with the same figures and a link to a CSV file.
dash-from = From
dash-to = To
dash-show = Show
dash-period-shown = Period: { $from } to { $to } inclusive, in the region's local time.
dash-period-problem = The period cannot be shown
dash-period-bad-from = The start date of the period is not a valid date. Enter it as DD.MM.YYYY, for example 01.11.2026.
dash-period-bad-to = The end date of the period is not a valid date. Enter it as DD.MM.YYYY, for example 30.11.2026.
dash-period-reversed = The start date of the period is after its end date. Swap the dates.
dash-period-too-long = The period cannot be longer than 366 days. Choose a shorter period.
dash-csv = Download the data as CSV
dash-csv-bad-chart = There is no such chart. Open the dashboard page and download the file from the link under the chart you need.
dash-contents = Sections of this page
dash-stages-title = Services by electronic stage
dash-stages-lead = Published services on { $today } by stage: 1 information, 2 blank forms, 3 applying online, 4 status online, 5 result online.
dash-priority-figure = Priority services at stage 3 or above
dash-priority-online = { $online } of { $total }
dash-legend-priority = Priority services
dash-legend-other = Other services
dash-col-stage = Stage
dash-col-services = All published services
dash-col-priority = Priority services
dash-stage-row = { $stage ->
    [1] 1. { stage-1 }
    [2] 2. { stage-2 }
    [3] 3. { stage-3 }
    [4] 4. { stage-4 }
   *[5] 5. { stage-5 }
}
dash-total = Total
dash-applications-title = Applications per day and service
dash-applications-lead = { $count ->
    [one] { $count } application was submitted in the period
   *[other] { $count } applications were submitted in the period
} on this portal and through the federal portal, including those withdrawn later. The chart shows the four services with the most applications on their own and adds up the rest; the CSV file has a column for every service.
dash-other-services = Other services
dash-col-day = Day
dash-processing-title = Processing times
dash-processing-lead = { $count ->
    [one] { $count } decision was made in the period
   *[other] { $count } decisions were made in the period
} (approvals and refusals). Times are counted in working days of the region's production calendar, from the day of submission to the day of the decision, the day of submission not counted.
dash-col-working-days = Working days to decision
dash-col-decided = Decisions
dash-bucket-zero = On the day of submission
dash-bucket-range = { $min }–{ $max } working days
dash-bucket-open = { $min } working days or more
dash-overdue-title = Overdue applications per department
dash-overdue-lead = Open applications past their deadline on { $today }: { $count }. Overdue means the same as the "Overdue" tab of the back office: not yet decided or withdrawn, and the deadline was before today.
dash-overdue-none = There are no open applications now.
dash-col-department = Department
dash-col-open = Open
dash-col-overdue = Of them overdue
dash-delivery-title = Exchange with the federal portal
dash-delivery-lead = Messages about applications and their statuses for the federal portal right now: how many were delivered, how many wait to be sent and how many were parked after their last attempt.
dash-delivery-more = Parked messages and retrying them
dash-col-state = State
dash-col-messages = Messages
dash-delivery-delivered = Delivered
dash-delivery-pending = Waiting to be sent
dash-delivery-failed = Not delivered, parked

## Catalog editor and branding (operator)
admin-catalog-title = Catalog editor
admin-catalog-lead = The region's departments, categories, life situations, municipalities and services. Changes reach citizens as soon as they are saved.
admin-branding-title = Portal branding
admin-branding-lead = The region's name, colours, support contacts, footer links and coat of arms. Applied without a restart.
admin-export = Download the region pack (ZIP)
admin-add = Add
admin-kind-service = Service
admin-kind-service-plural = Services
admin-kind-department = Department
admin-kind-department-plural = Departments
admin-kind-category = Category
admin-kind-category-plural = Categories
admin-kind-life_situation = Life situation
admin-kind-life_situation-plural = Life situations
admin-kind-municipality = Municipality
admin-kind-municipality-plural = Municipalities
admin-col-title = Title
admin-col-code = Code
admin-col-state = State
admin-col-actions = Actions
admin-published = Published
admin-unpublished = Unpublished
admin-publish = Publish
admin-unpublish = Unpublish
admin-saved = Changes saved.
admin-save = Save
admin-problems = { $count ->
    [one] { $count } problem found. Correct it and save again.
   *[other] { $count } problems found. Correct them and save again.
}
admin-problem-text-missing = Fill in this field.
admin-problem-code = A code is 1 to 64 of lower-case Latin letters, digits, "-" and "_".
admin-problem-code-taken = This code is taken (perhaps by an unpublished entry).
admin-problem-number = Give a whole number above zero.
admin-problem-choose = Choose a value from the list.
admin-problem-email = Give an email address such as info@example.ru.
admin-problem-link = A link starts with https:// or with / (a page of the portal).
admin-problem-colour = Give a colour such as #1f4e8c.
admin-problem-coat-type = The coat of arms must be an SVG or PNG file.
admin-problem-blank = The blank was not uploaded: give its title in every language and choose a PDF, ODT, ODS, DOCX, XLSX, RTF or DOC file.
admin-problem-blank-name-taken = Another service has a file of this name. Rename the file and upload it again.
admin-problem-pack = A catalog rule is broken
admin-problem-refused = The change was not saved: it would break a catalog rule (for instance, a service would refer to an unpublished department or category).
admin-problem-conflict = Someone else changed the catalog while this page was open. Nothing was saved: reload the page and make the change again.
admin-problem-in-use = This cannot be unpublished: published services refer to it. Change or unpublish them first.
admin-problem-schema = The form was not published: it has problems (listed beside it). The text is kept as a draft.
admin-problem-too-long = The form's text is too long (over 256 KB).
admin-lang-ru = in Russian
admin-lang-en = in English
admin-field-code = Code (part of the page address)
admin-field-title = Title
admin-field-name = Name
admin-field-summary = Summary
admin-field-address = Postal address
admin-field-phone = Phone
admin-field-email = Email
admin-field-hours = Opening hours
admin-field-website = Website
admin-field-category = Category
admin-field-department = Department
admin-field-life_situations = Life situations
admin-field-municipalities = Municipalities (none chosen means the whole region)
admin-field-applicants = Who may apply
admin-field-documents = Required documents
admin-field-interagency = The department requests it itself (interagency request)
admin-field-fee = Fee
admin-field-term_days = Term in working days
admin-field-result = Result
admin-field-refusal_grounds = Grounds for refusal
admin-field-legal_basis = Legal basis
admin-field-channels = Ways to apply
admin-field-stage = Electronic stage
admin-field-priority = Priority service
admin-field-assurance = Account level needed to apply online
admin-field-pause_while_awaiting = The term stops while the applicant completes the application
admin-field-file = File
admin-assurance-any = Any
admin-assurance-simplified = Simplified
admin-assurance-standard = Standard
admin-assurance-confirmed = Confirmed
admin-choose = — choose —
admin-channel-online = On the portal
admin-channel-office = At the department
admin-channel-mfc = At an MFC
admin-channel-post = By post
admin-row = Row { $n }
admin-rows-hint = Empty rows are not saved. To add more rows, save: new empty ones appear.
admin-blanks = Blank forms to download
admin-blanks-none = The service has no blank forms yet.
admin-blank-upload = Upload or replace a blank form
admin-blank-hint = A file of the same name replaces the old one. PDF, ODT, ODS, DOCX, XLSX, RTF and DOC up to 20 MB.
admin-blank-title = Blank form title
admin-blank-file = Blank form file
admin-upload = Upload
admin-remove = Remove
admin-online-form = Online application form
admin-online-form-yes = The service has an online form.
admin-online-form-no = No online form yet.
admin-online-form-edit = Edit the online form
admin-form-title = Online form: { $service }
admin-form-lead = The form is described in JSON (steps, fields, rules). Beside it: its check and the form as a citizen will see it. A published form is a new version: it applies to new applications; those filed before keep theirs.
admin-form-version = Current version: { $version }.
admin-form-draft = Your draft is shown.
admin-form-schema = Form description (JSON)
admin-form-save = Save draft
admin-form-publish = Publish as a new version
admin-form-valid = No problems: the form can be published.
admin-form-preview = As a citizen will see it
admin-region-name = Region name
admin-colour-hint = White text on the primary colour and links in the accent colour must be readable: contrast with white at least 4.5:1 (WCAG 2.1 AA).
admin-colour-primary = Primary colour (header, buttons)
admin-colour-accent = Accent colour (links)
admin-links = Footer links
admin-link = Link { $n }
admin-link-url = Link address
admin-coat = New coat of arms (SVG or PNG, optional)
admin-coat-current = Current coat of arms
