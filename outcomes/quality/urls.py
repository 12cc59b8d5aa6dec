from django.urls import include, path

from outcomes.quality.views import complaints, qa, surveys

# The ministry's complaint queue and one complaint's handling: ministry/complaints/...
complaint_patterns = [
    path("", complaints.complaint_queue, name="complaints"),
    path("<uuid:code>/", complaints.complaint_detail, name="complaint"),
    path("<uuid:code>/assign/", complaints.complaint_assign, name="complaint_assign"),
    path("<uuid:code>/resolve/", complaints.complaint_resolve, name="complaint_resolve"),
    path("<uuid:code>/audit/", complaints.complaint_audit, name="complaint_audit"),
]

# The ministry's quality assurance: ministry/qa/...
qa_patterns = [
    path("", qa.qa_home, name="qa"),
    path("samples/draw/", qa.qa_sample_draw, name="qa_sample_draw"),
    path("samples/<uuid:code>/", qa.qa_sample, name="qa_sample"),
    path("findings/new/", qa.qa_finding_create, name="qa_finding_create"),
    path("attributions/", qa.attribution_queue, name="attribution_queue"),
    path("attributions/<uuid:code>/", qa.attribution_review, name="attribution_review"),
]

app_name = "quality"
urlpatterns = [
    path("me/complaints/", complaints.me_complaints, name="me_complaints"),
    path("me/complaints/new/", complaints.me_complaint_create, name="me_complaint_create"),
    path("me/complaints/<uuid:code>/", complaints.me_complaint, name="me_complaint"),
    path("clients/<uuid:code>/complaints/new/", complaints.complaint_create_for_client, name="complaint_create"),
    path("ministry/complaints/", include(complaint_patterns)),
    path("ministry/qa/", include(qa_patterns)),
    path("qa/interviews/", qa.qa_interviews, name="qa_interviews"),
    path("qa/interviews/<uuid:code>/", qa.qa_interview_sample, name="qa_interview_sample"),
    path("me/surveys/<uuid:code>/", surveys.me_survey, name="me_survey"),
    path("surveys/e/<str:token>/", surveys.employer_survey, name="employer_survey"),
    path("surveys/results/", surveys.survey_results, name="survey_results"),
    path("placements/<uuid:code>/attribution-review/", qa.placement_review, name="placement_review"),
]
