import datetime as dt

from desktop.services.action_lines import due_from_words, parse_action_line

MEETING = dt.date(2018, 10, 23)
NEXT = dt.date(2019, 1, 15)


def test_the_products_example():
    proposal = parse_action_line("Action: LB to provide a report to the Executive by December",
                                 MEETING, NEXT)
    assert proposal is not None
    assert proposal.owners == ("LB",)
    assert proposal.due == dt.date(2018, 12, 31)
    assert proposal.text == "LB to provide a report to the Executive by December"


def test_groups_dashes_and_several_owners():
    proposal = parse_action_line("Action – CE Sub Group to review the pathways", MEETING)
    assert proposal is not None and proposal.owners == ("CE Sub Group",) and proposal.due is None
    both = parse_action_line("ACTION: SH and EH to follow up, by the next meeting.", MEETING, NEXT)
    assert both is not None and both.owners == ("SH", "EH") and both.due == NEXT
    listed = parse_action_line("Actions: LB, Exec / SH to agree costs by end of October",
                               MEETING)
    assert listed is not None and listed.owners == ("LB", "Exec", "SH")
    assert listed.due == dt.date(2018, 10, 31)


def test_dates_in_words_and_figures():
    assert due_from_words("31/01/2019", MEETING, None) == dt.date(2019, 1, 31)
    assert due_from_words("5 March", MEETING, None) == dt.date(2019, 3, 5)
    assert due_from_words("January 2020", MEETING, None) == dt.date(2020, 1, 31)
    assert due_from_words("31 February", MEETING, None) is None
    assert due_from_words("the spring", MEETING, None) is None


def test_short_dates_and_weekdays_count_from_the_meeting():
    # The meeting (23/10/2018) was a Tuesday.
    assert due_from_words("31/03", MEETING, None) == dt.date(2019, 3, 31)
    assert due_from_words("31 March", MEETING, None) == dt.date(2019, 3, 31)
    assert due_from_words("30/11", MEETING, None) == dt.date(2018, 11, 30)
    assert due_from_words("23/10", MEETING, None) == MEETING
    assert due_from_words("1 October", MEETING, None) == dt.date(2019, 10, 1)
    assert due_from_words("next Friday", MEETING, None) == dt.date(2018, 10, 26)
    assert due_from_words("Friday", MEETING, None) == dt.date(2018, 10, 26)
    assert due_from_words("next Tuesday", MEETING, None) == dt.date(2018, 10, 30)
    assert due_from_words("next mon", MEETING, None) == dt.date(2018, 10, 29)
    assert due_from_words("29/02", MEETING, None) == dt.date(2020, 2, 29)
    assert due_from_words("31/02", MEETING, None) is None
    assert due_from_words("next week", MEETING, None) is None
    line = parse_action_line("Action: LB to send the figures by next Friday", MEETING)
    assert line is not None and line.due == dt.date(2018, 10, 26)


def test_ordinary_lines_are_not_actions():
    assert parse_action_line("The actions were reviewed.", MEETING) is None
    assert parse_action_line("Actionable items: none", MEETING) is None


def test_known_names_stay_whole_and_unknown_pieces_are_not_split():
    """"Learning and Improvement Sub-group" became two owners and "L&I Sub-group" became
    "L" and "I Sub-group": names the database knows are kept whole, initials still split."""
    from desktop.services.action_lines import split_owners

    known = {"LB", "SH", "EH", "Learning and Improvement Sub-group"}.__contains__
    assert split_owners("Learning and Improvement Sub-group", known) == (
        "Learning and Improvement Sub-group",)
    assert split_owners("L&I Sub-group", known) == ("L&I Sub-group",)
    assert split_owners("LB and L&I Sub-group", known) == ("LB", "L&I Sub-group")
    assert split_owners("SH and EH", known) == ("SH", "EH")
    assert split_owners("LB, SH & EH", known) == ("LB", "SH", "EH")
    assert split_owners("Learning and Improvement Sub-group and LB", known) == (
        "Learning and Improvement Sub-group", "LB")
