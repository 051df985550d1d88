"""assessment: when results will be shared with staff, and the published staff page

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 20:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('results_shared_on', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column('staff_page_published_at', sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column('staff_page_published_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_assessment_staff_page_published_by_user_account'),
            'user_account', ['staff_page_published_by'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_assessment_staff_page_published_by_user_account'), type_='foreignkey'
        )
        batch_op.drop_column('staff_page_published_by')
        batch_op.drop_column('staff_page_published_at')
        batch_op.drop_column('results_shared_on')
