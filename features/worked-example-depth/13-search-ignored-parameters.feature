@hop:provider
Feature: 9+. Parameters the Foundations searches ignore
  NHS's provider suite adds `_count` and `_sort` to find patient, practitioner and organisation: they are not
  GP Connect search parameters, so the provider ignores them and finds what it would without them
  (AM-FND-SEARCH-IGNORED).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot

  @AM-FND-SEARCH-IGNORED
  Scenario Outline: Searching for the <type> the journey met with <extra> still finds it
    When the consumer searches for the <type> the journey met by its identifier and "<extra>"
    Then the searchset holds exactly the <type> the journey met

    Examples:
      | type         | extra               |
      | Practitioner | _count=1            |
      | Practitioner | _sort=name          |
      | Practitioner | _count=0&_sort=-_id |
      | Organization | _count=1            |
      | Organization | _sort=name          |
      | Organization | _count=0&_sort=-_id |

  @AM-FND-SEARCH-IGNORED
  Scenario Outline: Finding the patient by NHS number with <extra> still finds them
    When the consumer searches for the patient by NHS number and "<extra>"
    Then the searchset holds exactly the patient, by NHS number

    Examples:
      | extra                |
      | _count=1             |
      | _sort=family         |
      | _count=0&_sort=-_id  |
