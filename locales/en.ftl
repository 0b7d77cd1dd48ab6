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
