"""question_bank: the content of each bank version as first used

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-12 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    # Versions already used by assessments are recorded at the next start-up
    # (services/bank_versions.py), from the bank installed then: a migration should
    # not import the bank.
    op.create_table('question_bank',
    sa.Column('version', sa.String(length=50), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('first_used_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('version', name=op.f('pk_question_bank'))
    )


def downgrade():
    op.drop_table('question_bank')
