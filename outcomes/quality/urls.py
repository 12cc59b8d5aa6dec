from django.urls import path

from outcomes.quality.views import complaints, qa, surveys

app_name = "quality"
urlpatterns = [
    path("me/complaints/", complaints.me_complaints, name="me_complaints"),
    path("me/complaints/new/", complaints.me_complaint_create, name="me_complaint_create"),
    path("me/complaints/<uuid:code>/", complaints.me_complaint, name="me_complaint"),
    path("clients/<uuid:code>/complaints/new/", complaints.complaint_create_for_client, name="complaint_create"),
    path("ministry/complaints/", complaints.complaint_queue, name="complaints"),
    path("ministry/complaints/<uuid:code>/", complaints.complaint_detail, name="complaint"),
    path("ministry/complaints/<uuid:code>/assign/", complaints.complaint_assign, name="complaint_assign"),
    path("ministry/complaints/<uuid:code>/resolve/", complaints.complaint_resolve, name="complaint_resolve"),
    path("ministry/complaints/<uuid:code>/audit/", complaints.complaint_audit, name="complaint_audit"),
    path("ministry/qa/", qa.qa_home, name="qa"),
    path("ministry/qa/samples/draw/", qa.qa_sample_draw, name="qa_sample_draw"),
    path("ministry/qa/samples/<uuid:code>/", qa.qa_sample, name="qa_sample"),
    path("qa/interviews/", qa.qa_interviews, name="qa_interviews"),
    path("qa/interviews/<uuid:code>/", qa.qa_interview_sample, name="qa_interview_sample"),
    path("ministry/qa/findings/new/", qa.qa_finding_create, name="qa_finding_create"),
    path("ministry/qa/attributions/", qa.attribution_queue, name="attribution_queue"),
    path("ministry/qa/attributions/<uuid:code>/", qa.attribution_review, name="attribution_review"),
    path("me/surveys/<uuid:code>/", surveys.me_survey, name="me_survey"),
    path("surveys/e/<str:token>/", surveys.employer_survey, name="employer_survey"),
    path("surveys/results/", surveys.survey_results, name="survey_results"),
    path("placements/<uuid:code>/attribution-review/", qa.placement_review, name="placement_review"),
]
