"""Sort a short sequence of digits with an attention seq2seq (TensorFlow 1.4).

    python sorter.py --mode train --model_dir /tmp/sorter --steps 120
    python sorter.py --mode infer --model_dir /tmp/sorter --digits 7,2,9,4,1
"""

import argparse
import os
import sys

import numpy as np
import tensorflow as tf
from tensorflow.contrib import rnn

# Code written against TensorFlow 0.x calls tf.nn.seq2seq: point it at the contrib module.
try:
    tf.nn.seq2seq = tf.contrib.legacy_seq2seq
except AttributeError:
    pass

PAD, GO = 0, 1
VOCAB = 12  # PAD, GO and the digits 0-9 (id = digit + 2)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--mode', choices=['train', 'infer'], default='train')
    parser.add_argument('--model_dir', default='model')
    parser.add_argument('--cell', choices=['lstm', 'nas'], default='lstm',
                        help='recurrent cell of both layers')
    parser.add_argument('--num_units', type=int, default=24)
    parser.add_argument('--seq_len', type=int, default=5)
    parser.add_argument('--batch_size', type=int, default=32)
    parser.add_argument('--steps', type=int, default=120)
    parser.add_argument('--learning_rate', type=float, default=0.01)
    parser.add_argument('--keep_prob', type=float, default=0.9)
    parser.add_argument('--digits', default='7,2,9,4,1',
                        help='digits sorted after training (train) or from the checkpoint (infer)')
    parser.add_argument('--seed', type=int, default=2)
    return parser.parse_args()


def make_cell(args, keep_prob):
    cell = rnn.NASCell(args.num_units) if args.cell == "nas" else rnn.LSTMCell(args.num_units)
    cell = tf.contrib.rnn.DropoutWrapper(cell, output_keep_prob=keep_prob)
    return tf.nn.rnn_cell.MultiRNNCell([cell] * 2)


class Sorter(object):

    def __init__(self, args):
        self.args = args
        self.keep_prob = tf.placeholder_with_default(1.0, shape=(), name='keep_prob')
        self.encoder_inputs = [tf.placeholder(tf.int32, [None], name='enc%d' % i)
                               for i in range(args.seq_len)]
        self.targets = [tf.placeholder(tf.int32, [None], name='target%d' % i)
                        for i in range(args.seq_len)]
        decoder_inputs = [tf.fill(tf.shape(self.targets[0]), GO)] + self.targets[:-1]
        weights = [tf.ones_like(t, dtype=tf.float32) for t in self.targets]

        cell = make_cell(args, self.keep_prob)
        with tf.variable_scope('sorter') as scope:
            outputs, _ = tf.nn.seq2seq.embedding_attention_seq2seq(
                self.encoder_inputs, decoder_inputs, cell,
                num_encoder_symbols=VOCAB, num_decoder_symbols=VOCAB,
                embedding_size=args.num_units, feed_previous=False)
            scope.reuse_variables()
            infer_outputs, _ = tf.nn.seq2seq.embedding_attention_seq2seq(
                self.encoder_inputs, decoder_inputs, cell,
                num_encoder_symbols=VOCAB, num_decoder_symbols=VOCAB,
                embedding_size=args.num_units, feed_previous=True)

        self.loss = tf.nn.seq2seq.sequence_loss(outputs, self.targets, weights)
        self.global_step = tf.train.get_or_create_global_step()
        self.train_op = tf.train.AdamOptimizer(args.learning_rate).minimize(
            self.loss, global_step=self.global_step)
        self.prediction = tf.stack([tf.argmax(o, axis=1) for o in infer_outputs], axis=1)

        tf.summary.scalar('loss', self.loss)
        tf.summary.histogram('logits', tf.stack(outputs))
        self.summary_op = tf.summary.merge_all()
        self.saver = tf.train.Saver(max_to_keep=2)

    def feed(self, x, y=None):
        feed = {p: x[:, i] for i, p in enumerate(self.encoder_inputs)}
        y = np.zeros_like(x) if y is None else y
        feed.update({p: y[:, i] for i, p in enumerate(self.targets)})
        return feed

    def sort(self, sess, digits):
        x = np.array([[d + 2 for d in digits]], dtype=np.int32)
        tokens = sess.run(self.prediction, self.feed(x))[0]
        print('tokens: ' + ' '.join(str(t) for t in tokens))
        print('sorted: ' + ','.join(str(t - 2) for t in tokens))


def batch(rng, args):
    x = rng.randint(2, VOCAB, size=(args.batch_size, args.seq_len)).astype(np.int32)
    return x, np.sort(x, axis=1)


def train(args, model, digits):
    rng = np.random.RandomState(args.seed)
    if not os.path.exists(args.model_dir):
        os.makedirs(args.model_dir)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter(args.model_dir, sess.graph)
        for step in range(args.steps):
            x, y = batch(rng, args)
            feed = model.feed(x, y)
            feed[model.keep_prob] = args.keep_prob
            _, loss, summary, gstep = sess.run(
                [model.train_op, model.loss, model.summary_op, model.global_step], feed)
            writer.add_summary(summary, gstep)
            if step % 20 == 0 or step == args.steps - 1:
                print('step %d loss %.4f' % (gstep, loss))
                sys.stdout.flush()
        writer.close()
        path = model.saver.save(sess, os.path.join(args.model_dir, 'sorter.ckpt'),
                                global_step=model.global_step)
        print('saved %s' % path)
        model.sort(sess, digits)


def infer(args, model, digits):
    with tf.Session() as sess:
        checkpoint = tf.train.latest_checkpoint(args.model_dir)
        model.saver.restore(sess, checkpoint)
        print('restored %s' % checkpoint)
        model.sort(sess, digits)


def main():
    args = parse_args()
    tf.set_random_seed(args.seed)
    digits = [int(d) for d in args.digits.split(',')][:args.seq_len]
    model = Sorter(args)
    if args.mode == 'train':
        train(args, model, digits)
    else:
        infer(args, model, digits)


if __name__ == '__main__':
    main()
