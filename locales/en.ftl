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
